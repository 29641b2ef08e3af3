package io.memcluster.server.snapshot;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A node with less room than its files hold (a smaller memory limit, or a namespace quota)
 * loads the most recently used items and reports the rest as dropped, evicting nothing.
 */
class SnapshotMemoryPlanTest {

    private static final int ITEMS = 200;
    private static final String VALUE = "v".repeat(10_000);

    @TempDir
    Path dir;

    private SnapshotFixture node;

    @AfterEach
    void stop() {
        node.close();
    }

    /** {@code ITEMS} items of 10 kB in {@code namespace}, then, 10 s later, {@code bumped} of them read again. */
    private void writeAndBump(String namespace, int bumped) {
        for (int i = 0; i < ITEMS; i++) {
            assertThat(node.set(namespace + "." + i, VALUE)).isEqualTo("STORED\r\n");
        }
        node.clock.advanceSeconds(10);
        // spread over the file's order: the most recent are not simply the first or the last written
        for (int i = 0; i < bumped; i++) {
            assertThat(node.meta("mg " + namespace + "." + (i * 7) + "\r\n")).isEqualTo("HD");
        }
    }

    @Test
    void filesLargerThanTheMemoryLimitLoadTheMostRecentlyUsedItems() {
        node = new SnapshotFixture(dir).start();
        writeAndBump("cart", 20);
        node.stop();

        long memory = 1L << 20;
        node.start(node.config(memory, Map.of()));

        for (int i = 0; i < 20; i++) {
            assertThat(node.call("get cart." + (i * 7) + "\r\n", "END")).as("cart.%d", i * 7)
                    .startsWith("VALUE cart." + (i * 7) + " ");
        }
        Map<String, String> stats = node.snapshotStats();
        long loaded = Long.parseLong(stats.get("loaded_items"));
        long perItem = VALUE.length() + "cart.100".length() + 88;
        assertThat(loaded).isBetween(memory / perItem - 2, memory / perItem);
        assertThat(stats).containsEntry("loaded_dropped", Long.toString(ITEMS - loaded));
        Map<String, String> node0 = SnapshotFixture.stats(node.call("stats\r\n", "END"));
        assertThat(Long.parseLong(node0.get("bytes"))).isLessThanOrEqualTo(memory);
        assertThat(node0).containsEntry("evictions", "0").containsEntry("curr_items", Long.toString(loaded));
    }

    @Test
    void aNamespaceQuotaSmallerThanItsFileLoadsItsMostRecentlyUsedItemsAndEveryOtherNamespace() {
        node = new SnapshotFixture(dir).start();
        for (int i = 0; i < 50; i++) {
            assertThat(node.set("orders." + i, VALUE)).isEqualTo("STORED\r\n");
        }
        writeAndBump("cart", 20);
        node.stop();

        long quota = 1L << 20;
        node.start(node.config(SnapshotFixture.MEMORY, Map.of("cart", quota)));

        for (int i = 0; i < 20; i++) {
            assertThat(node.call("get cart." + (i * 7) + "\r\n", "END")).as("cart.%d", i * 7)
                    .startsWith("VALUE cart." + (i * 7) + " ");
        }
        for (int i = 0; i < 50; i++) {
            assertThat(node.call("get orders." + i + "\r\n", "END")).as("orders.%d", i)
                    .startsWith("VALUE orders." + i + " ");
        }
        Map<String, String> namespaces = SnapshotFixture.stats(node.call("stats namespaces\r\n", "END"));
        long cart = Long.parseLong(namespaces.get("cart:curr_items"));
        assertThat(Long.parseLong(namespaces.get("cart:bytes"))).isLessThanOrEqualTo(quota);
        assertThat(cart).isBetween(quota / (VALUE.length() + 8 + 88) - 2, quota / (VALUE.length() + 8 + 88));
        assertThat(namespaces).containsEntry("orders:curr_items", "50").containsEntry("cart:evictions", "0");
        assertThat(node.snapshotStats()).containsEntry("loaded_dropped", Long.toString(ITEMS - cart))
                .containsEntry("loaded_items", Long.toString(50 + cart));
    }

    @Test
    void afterALoadTheItemsUsedLeastRecentlyBeforeTheRestartAreEvictedFirst() {
        node = new SnapshotFixture(dir).start();
        String value = "v".repeat(1000);
        for (int i = 0; i < 2000; i++) {
            assertThat(node.set("cart." + (1000 + i), value)).isEqualTo("STORED\r\n");
        }
        node.clock.advanceSeconds(10);
        for (int i = 0; i < 20; i++) {
            assertThat(node.meta("mg cart." + (1000 + i * 97) + "\r\n")).isEqualTo("HD");
        }
        node.stop();
        node.clock.advanceSeconds(10);
        node.start(node.config(4L << 20, Map.of()));

        // about 600 of the 2000 loaded items must go for these
        for (int i = 0; i < 2420; i++) {
            assertThat(node.set("fresh." + (1000 + i), value)).isEqualTo("STORED\r\n");
        }

        assertThat(Long.parseLong(SnapshotFixture.stats(node.call("stats\r\n", "END")).get("evictions")))
                .isBetween(500L, 700L);
        for (int i = 0; i < 20; i++) {
            assertThat(node.call("get cart." + (1000 + i * 97) + "\r\n", "END")).as("cart.%d", 1000 + i * 97)
                    .startsWith("VALUE cart.");
        }
    }
}
