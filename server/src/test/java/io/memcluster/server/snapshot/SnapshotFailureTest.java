package io.memcluster.server.snapshot;

import static org.assertj.core.api.Assertions.assertThat;

import io.memcluster.config.SnapshotConfig;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A snapshot that cannot be written costs nothing but itself: writes go on, the error shows in
 * the reply and in {@code stats snapshots}, the previous file stays as it was, and the next
 * snapshot once the obstacle is gone succeeds. The obstacles block root too (tests may run as
 * root, for whom permissions block nothing).
 */
class SnapshotFailureTest {

    @TempDir
    Path dir;

    private SnapshotFixture node;

    @AfterEach
    void stop() {
        node.close();
    }

    @Test
    void aNamespaceWhoseTempFileCannotBeCreatedFailsAloneAndKeepsItsPreviousFile() throws IOException {
        node = new SnapshotFixture(dir).start();
        assertThat(node.set("cart.1", "first")).isEqualTo("STORED\r\n");
        assertThat(node.set("orders.1", "first")).isEqualTo("STORED\r\n");
        assertThat(node.snapshot()).containsEntry("result", "ok");
        byte[] before = Files.readAllBytes(node.file("cart"));
        Path blocker = Files.createDirectories(dir.resolve("cart.snap.tmp").resolve("inside"));

        assertThat(node.set("cart.2", "second")).isEqualTo("STORED\r\n");
        assertThat(node.set("orders.2", "second")).isEqualTo("STORED\r\n");
        Map<String, String> reply = node.snapshot();

        String error = dir.resolve("cart.snap.tmp") + ": Is a directory";
        assertThat(reply).containsEntry("result", "failed").containsEntry("cart:status", "failed")
                .containsEntry("cart:error", error).containsEntry("orders:status", "written")
                .containsEntry("orders:items", "2");
        assertThat(node.snapshotStats()).containsEntry("last_result", "failed")
                .containsEntry("last_error", "namespace cart: " + error).containsEntry("failed_runs", "1")
                .containsEntry("cart:last_error", error).containsEntry("cart:failures", "1")
                .containsEntry("cart:items", "1").containsEntry("orders:items", "2")
                .doesNotContainKey("orders:last_error");
        assertThat(Files.readAllBytes(node.file("cart"))).isEqualTo(before);
        assertThat(node.set("cart.3", "third")).isEqualTo("STORED\r\n");
        assertThat(node.call("get cart.2\r\n", "END")).isEqualTo("VALUE cart.2 0 6\r\nsecond\r\nEND\r\n");

        Files.delete(blocker);
        Files.delete(blocker.getParent());
        assertThat(node.snapshot()).containsEntry("result", "ok").containsEntry("cart:items", "3");
        assertThat(node.snapshotStats()).containsEntry("last_result", "ok").doesNotContainKey("last_error")
                .doesNotContainKey("cart:last_error").containsEntry("cart:items", "3")
                .containsEntry("cart:failures", "1");
        node.stop();
        node.start();
        assertThat(node.call("get cart.3\r\n", "END")).isEqualTo("VALUE cart.3 0 5\r\nthird\r\nEND\r\n");
    }

    @Test
    void aSnapshotFolderThatIsAFileFailsTheRunAndWritesGoOn() throws IOException {
        Path folder = Files.writeString(dir.resolve("snapshots"), "in the way");
        node = new SnapshotFixture(folder);
        node.start(node.config(SnapshotFixture.MEMORY, Map.of()));
        assertThat(node.set("cart.1", "first")).isEqualTo("STORED\r\n");

        Map<String, String> reply = node.snapshot();

        assertThat(reply).containsEntry("result", "failed").containsEntry("namespaces", "0");
        assertThat(reply.get("error")).startsWith("cannot create " + folder + ": ");
        Map<String, String> stats = node.snapshotStats();
        assertThat(stats).containsEntry("last_result", "failed").containsEntry("failed_runs", "1");
        assertThat(stats.get("last_error")).isEqualTo(reply.get("error"));
        assertThat(node.set("cart.2", "second")).isEqualTo("STORED\r\n");
        assertThat(node.call("get cart.1\r\n", "END")).isEqualTo("VALUE cart.1 0 5\r\nfirst\r\nEND\r\n");
        assertThat(folder).hasContent("in the way");

        Files.delete(folder);
        assertThat(node.snapshot()).containsEntry("result", "ok").containsEntry("cart:items", "2");
        assertThat(node.snapshotStats()).containsEntry("last_result", "ok").containsEntry("runs", "2");
        assertThat(folder.resolve("cart.snap")).isRegularFile();
    }

    @Test
    void aFileThatCannotReplaceThePreviousOneFailsAtCommitAndLeavesNoTempFile() throws IOException {
        node = new SnapshotFixture(dir).start();
        assertThat(node.set("cart.1", "first")).isEqualTo("STORED\r\n");
        // a non-empty folder where the file goes: the rename over it fails
        Files.createDirectories(node.file("cart").resolve("inside"));

        Map<String, String> reply = node.snapshot();

        assertThat(reply).containsEntry("result", "failed").containsEntry("cart:status", "failed");
        assertThat(reply.get("cart:error")).contains(dir.resolve("cart.snap.tmp").toString());
        assertThat(dir.resolve("cart.snap.tmp")).doesNotExist();
        assertThat(node.snapshotStats()).containsEntry("cart:failures", "1").containsKey("cart:last_error");
    }

    @Test
    void oldestAgeCountsFromTheLastGoodFileOfANamespaceWhoseSnapshotsFail() throws IOException {
        node = new SnapshotFixture(dir).start();
        assertThat(node.set("cart.1", "first")).isEqualTo("STORED\r\n");
        assertThat(node.snapshot()).containsEntry("result", "ok");
        node.clock.advanceSeconds(100);
        assertThat(node.set("orders.1", "first")).isEqualTo("STORED\r\n");
        assertThat(node.snapshotStats()).as("orders was never written: from the node's start")
                .containsEntry("oldest_age", "100");

        Files.createDirectories(dir.resolve("cart.snap.tmp").resolve("inside"));
        assertThat(node.snapshot()).containsEntry("result", "failed").containsEntry("orders:status", "written");
        node.clock.advanceSeconds(50);

        assertThat(node.snapshotStats()).containsEntry("oldest_age", "150").containsEntry("orders:last_time",
                Long.toString(node.clock.seconds() - 50));
    }

    @Test
    void theIntervalAndFolderShowInStats() {
        node = new SnapshotFixture(dir);
        node.start(SnapshotFixture.config(SnapshotFixture.MEMORY, Map.of(),
                new SnapshotConfig(Duration.ofMinutes(5), dir)));

        assertThat(node.snapshotStats()).containsEntry("interval", "300").containsEntry("runs", "0")
                .containsEntry("last_result", "none");
    }
}
