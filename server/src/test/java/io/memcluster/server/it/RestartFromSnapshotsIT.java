package io.memcluster.server.it;

import static org.assertj.core.api.Assertions.assertThat;

import io.memcluster.testkit.RawClient;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Issue 9 with real node processes on one data folder: what a node snapshotted comes back after
 * kill -9; a kill in the middle of a large snapshot leaves the previous file or the new one, never
 * a torn one; a full disk fails the snapshot, not the node; SIGTERM writes a last snapshot.
 */
class RestartFromSnapshotsIT {

  private static final String CONFIG = NodeProcess.PLAIN_WITHOUT_AUTH + "snapshot:\n  interval: 0s\n";
  private static final int VALUE_BYTES = 512 * 1024;

  private NodeProcess node;

  @AfterEach
  void stop() {
    if (node != null) {
      node.close();
    }
  }

  @Test
  void everyKeyComesBackAfterKillMinus9ExceptWhatExpiredWhileTheNodeWasDown() throws Exception {
    node = NodeProcess.start(CONFIG, "--memory", "64m");
    Path dataDir = node.dataDir();
    long expiresAt = System.currentTimeMillis() / 1000 + 2;
    String gets;
    try (RawClient c = new RawClient(node.port())) {
      assertThat(c.call("ms cart.1 5 F7 T3600 E1001\r\napple\r\n", "HD")).isEqualTo("HD\r\n");
      assertThat(c.call("ms orders.1 0 F9 E1002\r\n\r\n", "HD")).isEqualTo("HD\r\n");
      assertThat(c.call("set plain 42 0 5\r\nhello\r\n", "STORED")).isEqualTo("STORED\r\n");
      gets = c.call("gets plain\r\n", "END");
      assertThat(c.call("set cart.short 0 " + expiresAt + " 4\r\ngone\r\n", "STORED")).isEqualTo("STORED\r\n");
      assertThat(stats(c.call("memcluster snapshot\r\n", "END"))).containsEntry("result", "ok")
          .containsEntry("items", "4");
    }
    node.kill();
    // until the unix time the short item expires at has passed
    while (System.currentTimeMillis() / 1000 <= expiresAt) {
      Thread.sleep(100);
    }

    node = NodeProcess.start(dataDir, null, CONFIG, "--memory", "64m");

    try (RawClient c = new RawClient(node.port())) {
      String cart = c.call("mg cart.1 v f c t\r\n", "apple");
      assertThat(cart).as(node.logSection()).startsWith("VA 5 f7 c1001 t3");
      int ttl = Integer.parseInt(cart.substring("VA 5 f7 c1001 t".length(), cart.indexOf("\r\n")));
      assertThat(ttl).isBetween(3540, 3600);
      assertThat(c.call("mg orders.1 v f c t\r\n", "VA 0 f9 c1002 t-1")).isEqualTo("VA 0 f9 c1002 t-1\r\n");
      assertThat(c.readLine()).isEqualTo("\r\n");
      assertThat(c.call("gets plain\r\n", "END")).isEqualTo(gets);
      assertThat(c.call("get cart.short\r\n", "END")).isEqualTo("END\r\n");
      assertThat(stats(c.call("stats snapshots\r\n", "END"))).containsEntry("loaded_items", "3")
          .containsEntry("loaded_expired", "1").containsEntry("rejected_files", "0");
    }
  }

  @Test
  void aKillInTheMiddleOfALargeSnapshotLeavesAWholeFileAndNoTempFile() throws Exception {
    node = NodeProcess.start(CONFIG, "--memory", "700m");
    Path dataDir = node.dataDir();
    Path snapshots = dataDir.resolve("snapshots");
    Path file = snapshots.resolve("big.snap");
    Path temp = snapshots.resolve("big.snap.tmp");
    int large = 800; // 400 MB
    byte[] before;
    try (RawClient c = new RawClient(node.port()); RawClient admin = new RawClient(node.port())) {
      for (int i = 0; i < 10; i++) {
        assertThat(c.call("set big.small" + i + " 0 0 1\r\ns\r\n", "STORED")).isEqualTo("STORED\r\n");
      }
      assertThat(stats(c.call("memcluster snapshot\r\n", "END"))).containsEntry("result", "ok");
      before = Files.readAllBytes(file);
      byte[] value = new byte[VALUE_BYTES];
      new Random(7).nextBytes(value);
      for (int i = 0; i < large; i++) {
        c.send(("ms big." + i + " " + VALUE_BYTES + " q\r\n").getBytes(StandardCharsets.US_ASCII));
        c.send(value);
        c.send("\r\n");
      }
      assertThat(c.call("mn\r\n", "MN")).isEqualTo("MN\r\n");

      admin.send("memcluster snapshot\r\n");
      long deadline = System.nanoTime() + 30_000_000_000L;
      while (!(Files.exists(temp) && sizeOf(temp) > 16 << 20) && System.nanoTime() < deadline) {
        Thread.sleep(2);
      }
      assertThat(sizeOf(temp)).as("the new file is being written").isGreaterThan(16 << 20);
      node.kill();
    }

    node = NodeProcess.start(dataDir, null, CONFIG, "--memory", "700m");

    assertThat(temp).doesNotExist();
    try (RawClient c = new RawClient(node.port())) {
      Map<String, String> stats = stats(c.call("stats snapshots\r\n", "END"));
      assertThat(stats).as(node.logSection()).containsEntry("rejected_files", "0");
      assertThat(c.call("get big.small3\r\n", "END")).isEqualTo("VALUE big.small3 0 1\r\ns\r\nEND\r\n");
      if (Arrays.equals(Files.readAllBytes(file), before)) {
        assertThat(stats).containsEntry("loaded_items", "10");
        assertThat(c.call("get big.0\r\n", "END")).isEqualTo("END\r\n");
      } else {
        // the rename came between the last look at the temp file and the kill: the new file, whole
        assertThat(stats).containsEntry("loaded_items", Integer.toString(10 + large));
      }
    }
  }

  @Test
  void aSnapshotThatRunsOutOfDiskFailsAloneAndThePreviousFileStays() throws Exception {
    // 8 MB per file for the node: a 2 MB file fits, a 17 MB one does not
    node = NodeProcess.start(null, 8L * 1024, CONFIG, "--memory", "64m");
    Path snapshots = node.dataDir().resolve("snapshots");
    byte[] value = new byte[VALUE_BYTES];
    new Random(3).nextBytes(value);
    try (RawClient c = new RawClient(node.port())) {
      for (int i = 0; i < 4; i++) {
        store(c, "big." + i, value);
      }
      assertThat(c.call("set cart.1 0 0 1\r\nc\r\n", "STORED")).isEqualTo("STORED\r\n");
      assertThat(stats(c.call("memcluster snapshot\r\n", "END"))).as(node.logSection())
          .containsEntry("result", "ok");
      byte[] big = Files.readAllBytes(snapshots.resolve("big.snap"));
      for (int i = 4; i < 34; i++) {
        store(c, "big." + i, value);
      }
      assertThat(c.call("set cart.2 0 0 1\r\nc\r\n", "STORED")).isEqualTo("STORED\r\n");

      Map<String, String> reply = stats(c.call("memcluster snapshot\r\n", "END"));

      assertThat(reply).as(node.logSection()).containsEntry("result", "failed")
          .containsEntry("big:status", "failed").containsEntry("cart:status", "written")
          .containsEntry("cart:items", "2");
      assertThat(reply.get("big:error")).contains("File too large");
      Map<String, String> stats = stats(c.call("stats snapshots\r\n", "END"));
      assertThat(stats).containsEntry("last_result", "failed").containsEntry("big:failures", "1")
          .containsEntry("big:items", "4");
      assertThat(stats.get("big:last_error")).contains("File too large");
      assertThat(stats.get("last_error")).startsWith("namespace big: ");
      assertThat(Files.readAllBytes(snapshots.resolve("big.snap"))).isEqualTo(big);
      assertThat(snapshots.resolve("big.snap.tmp")).doesNotExist();
      assertThat(c.call("set cart.3 0 0 1\r\nc\r\n", "STORED")).isEqualTo("STORED\r\n");
      assertThat(c.send("mg big.33 s\r\n").readLine()).isEqualTo("HD s" + VALUE_BYTES + "\r\n");

      for (int i = 4; i < 34; i++) {
        assertThat(c.call("delete big." + i + "\r\n", "DELETED")).isEqualTo("DELETED\r\n");
      }
      assertThat(stats(c.call("memcluster snapshot\r\n", "END"))).containsEntry("result", "ok")
          .containsEntry("big:items", "4");
      assertThat(stats(c.call("stats snapshots\r\n", "END"))).containsEntry("last_result", "ok");
    }
  }

  @Test
  void sigtermWritesALastSnapshotWithEveryKeyStoredAfterThePreviousOne() throws Exception {
    String config = NodeProcess.PLAIN_WITHOUT_AUTH; // the default schedule, 5m: no run within this test
    node = NodeProcess.start(config, "--memory", "64m");
    Path dataDir = node.dataDir();
    try (RawClient c = new RawClient(node.port())) {
      assertThat(c.call("set cart.1 0 0 1\r\n1\r\n", "STORED")).isEqualTo("STORED\r\n");
      assertThat(stats(c.call("memcluster snapshot\r\n", "END"))).containsEntry("result", "ok");
      for (int i = 2; i <= 100; i++) {
        assertThat(c.call("ms cart." + i + " 1 E" + (5000 + i) + "\r\nx\r\n", "HD")).isEqualTo("HD\r\n");
      }
    }
    node.stop();
    assertThat(node.output()).contains("snapshot (at stop): 1 namespaces, 100 items");

    node = NodeProcess.start(dataDir, null, config, "--memory", "64m");

    try (RawClient c = new RawClient(node.port())) {
      assertThat(c.call("mg cart.100 c v\r\n", "x")).isEqualTo("VA 1 c5100\r\nx\r\n");
      assertThat(stats(c.call("stats snapshots\r\n", "END"))).containsEntry("loaded_items", "100");
    }
  }

  private static void store(RawClient c, String key, byte[] value) throws IOException {
    c.send(("ms " + key + " " + value.length + "\r\n").getBytes(StandardCharsets.US_ASCII));
    c.send(value);
    assertThat(c.call("\r\n", "HD")).isEqualTo("HD\r\n");
  }

  private static long sizeOf(Path file) {
    try {
      return Files.size(file);
    } catch (IOException e) {
      return -1;
    }
  }

  private static Map<String, String> stats(String reply) {
    Map<String, String> stats = new LinkedHashMap<>();
    for (String line : reply.split("\r\n")) {
      if (line.startsWith("STAT ")) {
        String[] parts = line.split(" ", 3);
        stats.put(parts[1], parts.length > 2 ? parts[2] : "");
      }
    }
    return stats;
  }
}
