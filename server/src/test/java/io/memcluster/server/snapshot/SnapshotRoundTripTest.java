package io.memcluster.server.snapshot;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.Base64;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 9: what a node had is what the next node on its snapshot folder has, item by item: value,
 * flags, CAS, the TTL left, last access, stale and fetched state; except what expired meanwhile.
 */
class SnapshotRoundTripTest {

    @TempDir
    Path dir;

    private SnapshotFixture node;

    @AfterEach
    void stop() {
        node.close();
    }

    @Test
    void everyItemComesBackExactlyOnTheNextNodeAndWhatExpiredWhileDownDoesNot() {
        node = new SnapshotFixture(dir).start();
        String big = letters(1 << 20, 9);
        byte[] binaryKey = {0, (byte) 0xff, '.', 1, '\r', '\n', ' '};
        String binary = Base64.getEncoder().encodeToString(binaryKey);

        assertThat(node.set("cart.1", "apple")).isEqualTo("STORED\r\n");
        String gets = node.call("gets cart.1\r\n", "END");
        assertThat(node.line("ms cart.2 5 T100 F7 E5000\r\npear!\r\n")).isEqualTo("HD\r\n");
        assertThat(node.line("ms orders.9 3 T0 F4294967295 E9000000000000000000\r\nxyz\r\n")).isEqualTo("HD\r\n");
        assertThat(node.line("ms orders.empty 0 F3 E6000\r\n\r\n")).isEqualTo("HD\r\n");
        assertThat(node.line("ms plain 4 E6001\r\nnone\r\n")).isEqualTo("HD\r\n");
        assertThat(node.line("ms -x.y 4 E6002\r\nbad.\r\n")).isEqualTo("HD\r\n");
        assertThat(node.line("ms big.value " + big.length() + " T3600 E7000\r\n" + big + "\r\n")).isEqualTo("HD\r\n");
        assertThat(node.line("ms " + binary + " 3 b F9 E7001\r\n\0\1\2\r\n")).isEqualTo("HD\r\n");
        assertThat(node.line("ms cart.stale 5 E6999\r\nstale\r\n")).isEqualTo("HD\r\n");
        assertThat(node.line("md cart.stale I T30 E7002\r\n")).isEqualTo("HD\r\n");
        assertThat(node.line("ms cart.short 4 T5 E7003\r\ngone\r\n")).isEqualTo("HD\r\n");
        // fetched once before the snapshot: h1 after it
        assertThat(node.meta("mg cart.2 v\r\n")).isEqualTo("VA 5\npear!");

        Map<String, String> snapshot = node.snapshot();
        assertThat(snapshot).containsEntry("result", "ok").containsEntry("cart:status", "written")
                .containsEntry("orders:status", "written").containsEntry("big:status", "written")
                .containsEntry("default:status", "written").containsEntry("items", "10");
        assertThat(dir).isDirectoryContaining(p -> p.getFileName().toString().equals("cart.snap"))
                .isDirectoryContaining(p -> p.getFileName().toString().equals("default.snap"));
        node.stop();

        node.clock.advanceSeconds(10);
        node.start();

        assertThat(node.call("gets cart.1\r\n", "END")).isEqualTo(gets);
        assertThat(node.meta("mg cart.2 v f c t h l\r\n")).isEqualTo("VA 5 f7 c5000 t90 h1 l10\npear!");
        assertThat(node.meta("mg orders.9 v f c t h\r\n"))
                .isEqualTo("VA 3 f4294967295 c9000000000000000000 t-1 h0\nxyz");
        assertThat(node.meta("mg orders.empty v f c t\r\n")).isEqualTo("VA 0 f3 c6000 t-1\n");
        assertThat(node.meta("mg plain v c\r\n")).isEqualTo("VA 4 c6001\nnone");
        assertThat(node.meta("mg -x.y v c\r\n")).isEqualTo("VA 4 c6002\nbad.");
        assertThat(node.meta("mg big.value v c t\r\n")).isEqualTo("VA " + big.length() + " c7000 t3590\n" + big);
        assertThat(node.meta("mg " + binary + " b k v f c\r\n"))
                .isEqualTo("VA 3 k" + binary + " b f9 c7001\n\0\1\2");
        // still stale, its win token not yet handed out: the first to ask gets it, the next is told
        assertThat(node.meta("mg cart.stale v c t\r\n")).isEqualTo("VA 5 c7002 t20 X W\nstale");
        assertThat(node.meta("mg cart.stale v c\r\n")).isEqualTo("VA 5 c7002 Z X\nstale");
        assertThat(node.meta("mg cart.short v\r\n")).isEqualTo("EN");

        Map<String, String> stats = node.snapshotStats();
        assertThat(stats).containsEntry("loaded_items", "9").containsEntry("loaded_expired", "1")
                .containsEntry("loaded_dropped", "0").containsEntry("loaded_namespaces", "4")
                .containsEntry("rejected_files", "0");
        // the namespaces' items keep their namespaces: cart has cart.1, cart.2 and cart.stale
        assertThat(node.call("stats namespaces\r\n", "END")).contains("STAT cart:curr_items 3\r\n",
                "STAT default:curr_items 3\r\n", "STAT orders:curr_items 2\r\n");
    }

    @Test
    void aStaleItemWhoseWinTokenWentOutStaysThatWay() {
        node = new SnapshotFixture(dir).start();
        assertThat(node.line("ms cart.stale 5 E10\r\nstale\r\n")).isEqualTo("HD\r\n");
        assertThat(node.line("md cart.stale I\r\n")).isEqualTo("HD\r\n");
        assertThat(node.meta("mg cart.stale v\r\n")).isEqualTo("VA 5 X W\nstale");
        node.stop();

        node.start();

        assertThat(node.meta("mg cart.stale v c\r\n")).isEqualTo("VA 5 c11 Z X\nstale");
    }

    /** A value of {@code length} pseudo-random letters: a chunk written twice or skipped shows. */
    static String letters(int length, long seed) {
        Random random = new Random(seed);
        StringBuilder s = new StringBuilder(length);
        for (int i = 0; i < length; i++) {
            s.append((char) ('a' + random.nextInt(26)));
        }
        return s.toString();
    }
}
