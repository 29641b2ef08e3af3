package io.memcluster.server.snapshot;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * What was flushed does not come back with a restart, not even after a crash before the next
 * snapshot; a namespace emptied by deletes loses its file at the next snapshot.
 */
class SnapshotFlushTest {

    @TempDir
    Path dir;

    @TempDir
    Path crashed;

    private SnapshotFixture node;
    private SnapshotFixture after;

    @AfterEach
    void stop() {
        node.close();
        if (after != null) {
            after.close();
        }
    }

    @Test
    void aFlushedNamespaceDoesNotComeBackAfterACrash() throws IOException {
        node = new SnapshotFixture(dir).start();
        assertThat(node.set("cart.1", "c")).isEqualTo("STORED\r\n");
        assertThat(node.set("orders.1", "o")).isEqualTo("STORED\r\n");
        assertThat(node.snapshot()).containsEntry("result", "ok");

        assertThat(node.line("memcluster flush_namespace cart\r\n")).isEqualTo("OK\r\n");
        // runs after the removal on the one snapshot thread: once it answers, the folder is what a crash leaves
        assertThat(node.stats(node.call("memcluster snapshot orders\r\n", "END"))).containsEntry("result", "ok");

        assertThat(node.file("cart")).doesNotExist();
        assertThat(node.snapshotStats()).doesNotContainKey("cart:items");
        after = restartFromACopy();
        assertThat(after.call("get cart.1\r\n", "END")).isEqualTo("END\r\n");
        assertThat(after.call("get orders.1\r\n", "END")).isEqualTo("VALUE orders.1 0 1\r\no\r\nEND\r\n");
    }

    @Test
    void flushAllRemovesEveryFileAndNothingComesBackAfterACrash() throws IOException {
        node = new SnapshotFixture(dir).start();
        assertThat(node.set("cart.1", "c")).isEqualTo("STORED\r\n");
        assertThat(node.set("plain", "p")).isEqualTo("STORED\r\n");
        assertThat(node.snapshot()).containsEntry("result", "ok");

        assertThat(node.line("flush_all\r\n")).isEqualTo("OK\r\n");
        assertThat(node.stats(node.call("memcluster snapshot none\r\n", "END"))).containsEntry("result", "ok");

        assertThat(node.file("cart")).doesNotExist();
        assertThat(node.file("default")).doesNotExist();
        after = restartFromACopy();
        assertThat(after.call("get cart.1 plain\r\n", "END")).isEqualTo("END\r\n");
        assertThat(after.snapshotStats()).containsEntry("loaded_items", "0");
    }

    @Test
    void itemsStoredAfterAFlushComeBackAndTheFlushedOnesDoNot() {
        node = new SnapshotFixture(dir).start();
        assertThat(node.set("cart.old", "c")).isEqualTo("STORED\r\n");
        assertThat(node.snapshot()).containsEntry("result", "ok");
        assertThat(node.line("memcluster flush_namespace cart\r\n")).isEqualTo("OK\r\n");
        assertThat(node.set("cart.new", "n")).isEqualTo("STORED\r\n");
        node.stop();

        node.start();

        assertThat(node.call("get cart.old\r\n", "END")).isEqualTo("END\r\n");
        assertThat(node.call("get cart.new\r\n", "END")).isEqualTo("VALUE cart.new 0 1\r\nn\r\nEND\r\n");
    }

    @Test
    void aNamespaceEmptiedByDeletesHasItsFileRemovedAtTheNextSnapshot() {
        node = new SnapshotFixture(dir).start();
        assertThat(node.set("cart.1", "c")).isEqualTo("STORED\r\n");
        assertThat(node.set("orders.1", "o")).isEqualTo("STORED\r\n");
        assertThat(node.snapshot()).containsEntry("cart:status", "written");
        assertThat(node.file("cart")).isRegularFile();

        assertThat(node.line("delete cart.1\r\n")).isEqualTo("DELETED\r\n");

        assertThat(node.snapshot()).containsEntry("cart:status", "removed").containsEntry("orders:status", "written")
                .containsEntry("result", "ok");
        assertThat(node.file("cart")).doesNotExist();
        assertThat(node.snapshotStats()).doesNotContainKey("cart:items").containsEntry("orders:items", "1");
    }

    @Test
    void aSnapshotOfOneNamespaceWritesOnlyItsFile() throws IOException {
        node = new SnapshotFixture(dir).start();
        assertThat(node.set("cart.1", "c")).isEqualTo("STORED\r\n");
        assertThat(node.set("orders.1", "o")).isEqualTo("STORED\r\n");
        assertThat(node.snapshot()).containsEntry("result", "ok");
        byte[] orders = Files.readAllBytes(node.file("orders"));
        assertThat(node.set("orders.2", "o")).isEqualTo("STORED\r\n");
        assertThat(node.set("cart.2", "c")).isEqualTo("STORED\r\n");

        assertThat(node.stats(node.call("memcluster snapshot cart\r\n", "END"))).containsEntry("cart:items", "2")
                .containsEntry("namespaces", "1").doesNotContainKey("orders:status");

        assertThat(Files.readAllBytes(node.file("orders"))).isEqualTo(orders);
    }

    /** A node on a copy of the folder as it is now: what a crash of the first node leaves. */
    private SnapshotFixture restartFromACopy() throws IOException {
        try (var files = Files.list(dir)) {
            for (Path file : files.filter(Files::isRegularFile).toList()) {
                Files.copy(file, crashed.resolve(file.getFileName()));
            }
        }
        return new SnapshotFixture(crashed).start();
    }
}
