package io.memcluster.server.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * bin/memcluster sizes the node's JVM from node.memory and node.connection_buffers. Without it
 * the JVM sized itself from the machine (3/4 of RAM of heap, as much again of direct memory) and
 * a fuzzed node of 64m grew to 1.77 GB resident.
 */
class LauncherMemoryIT {

  @TempDir
  Path dir;

  @Test
  void nodeJvmGetsTheHeapAndDirectMemoryItsConfigurationSizes() throws Exception {
    try (NodeProcess node = NodeProcess.start(NodeProcess.PLAIN_WITHOUT_AUTH + "node:\n  connection_buffers: 16m\n",
        "--memory", "100m")) {
      List<String> arguments = List.of(ProcessHandle.of(node.pid()).orElseThrow().info().arguments().orElseThrow());

      // 100m + 25m + 16m + 32m
      assertThat(arguments).as(node.logSection()).contains("-Xmx173m", "-XX:MaxDirectMemorySize=16m");
      assertThat(arguments).noneMatch(a -> a.startsWith("-XX:MaxRAMPercentage"));
    }
  }

  @Test
  void connectionBuffersTooSmallAreRefusedOnceByTheirPathBeforeTheNodeStarts() throws Exception {
    Path config = Files.writeString(dir.resolve("config.yaml"), NodeProcess.PLAIN_WITHOUT_AUTH);
    Path output = dir.resolve("output.txt");
    Process process = new ProcessBuilder(NodeProcess.launcher().toString(), "node", "--config", config.toString(),
        "--port", Integer.toString(NodeProcess.freePort()), "--data-dir", dir.resolve("data").toString(),
        "--connection-buffers", "2m")
        .redirectErrorStream(true)
        .redirectOutput(output.toFile())
        .start();

    assertThat(process.waitFor(60, TimeUnit.SECONDS)).isTrue();
    String text = Files.readString(output, StandardCharsets.UTF_8);
    assertThat(process.exitValue()).as(text).isEqualTo(2);
    assertThat(text).containsOnlyOnce(
        "node.connection_buffers (from --connection-buffers): 2m is too small (expected at least 8m)");
  }
}
