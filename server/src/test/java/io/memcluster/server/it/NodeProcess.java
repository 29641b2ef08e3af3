package io.memcluster.server.it;

import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.awaitility.core.ConditionTimeoutException;
import org.awaitility.core.TerminalFailureException;

/**
 * A memcluster node started from the packaged launcher ({@code bin/memcluster node}) as a child
 * process on a free loopback port, for integration tests that need the real thing: the same
 * script, JVM flags and jar an operator runs. Its output goes to a file under
 * {@code target/it-logs} so that a failing test can show it.
 */
final class NodeProcess implements AutoCloseable {

  // A cold JVM on a busy 2-core CI machine can take several seconds; a hung start must still end.
  private static final Duration START_TIMEOUT = Duration.ofSeconds(60);
  private static final Duration STOP_TIMEOUT = Duration.ofSeconds(15);

  /** For a plaintext node without logins, as memcached runs: the protocol conformance tests. */
  static final String PLAIN_WITHOUT_AUTH = "tls:\n  enabled: false\nauth:\n  enabled: false\n";
  /** The shipped defaults: TLS with generated certificates, logins with a generated admin. */
  static final String DEFAULTS = "";

  private final Process process;
  private final int port;
  private final Path log;
  private final Path dataDir;

  private NodeProcess(Process process, int port, Path log, Path dataDir) {
    this.process = process;
    this.port = port;
    this.log = log;
    this.dataDir = dataDir;
  }

  /**
   * Starts {@code bin/memcluster node --config <file holding configYaml> --bind 127.0.0.1 --port
   * <free port> --data-dir <empty folder under target/>} plus {@code extraArgs} and returns once
   * it logs that it listens (it binds last, after its certificates and users are in place). The
   * own data folder keeps tests from loading or overwriting the project's data/ folder.
   */
  static NodeProcess start(String configYaml, String... extraArgs) throws IOException {
    return start(null, null, configYaml, extraArgs);
  }

  /**
   * Like {@link #start(String, String...)}, on the data folder of a node that ran before (to
   * restart it on what it left), or on a new one when {@code dataDir} is null; under a file size
   * limit of {@code fileSizeLimitKb} (bash's {@code ulimit -f}, which binds root too) unless null.
   */
  static NodeProcess start(Path dataDir, Long fileSizeLimitKb, String configYaml, String... extraArgs)
      throws IOException {
    Path launcher = launcher();
    int port = freePort();
    Path logs = Path.of(System.getProperty("memcluster.it.logs", "target/it-logs"))
        .toAbsolutePath();
    Files.createDirectories(logs);
    // A new folder each time: a port number comes round again in later runs, its data must not.
    if (dataDir == null) {
      dataDir = Files.createTempDirectory(
          Files.createDirectories(logs.resolveSibling("it-data")), "node-" + port + "-");
    }
    Path log = logs.resolve("node-" + port + ".log");
    Path config = Files.writeString(dataDir.resolveSibling(dataDir.getFileName() + ".yaml"), configYaml);

    List<String> command = new ArrayList<>();
    if (fileSizeLimitKb != null) {
      // the launcher execs java, so the limit is the node's own
      command.addAll(List.of("bash", "-c", "ulimit -f " + fileSizeLimitKb + " && exec \"$0\" \"$@\""));
    }
    command.addAll(List.of(
        launcher.toString(), "node", "--config", config.toString(), "--bind", "127.0.0.1",
        "--port", Integer.toString(port), "--data-dir", dataDir.toString()));
    command.addAll(List.of(extraArgs));
    Process process = new ProcessBuilder(command)
        .redirectErrorStream(true)
        .redirectOutput(log.toFile())
        .start();

    NodeProcess node = new NodeProcess(process, port, log, dataDir);
    try {
      await("node on 127.0.0.1:" + port + " to listen")
          .atMost(START_TIMEOUT)
          .pollInterval(Duration.ofMillis(100))
          .failFast("node exited before listening", () -> !process.isAlive())
          .until(() -> node.output().contains(" listening on 127.0.0.1:" + port + " ")
              && acceptsConnections(port));
    } catch (ConditionTimeoutException | TerminalFailureException e) {
      node.close();
      throw new IllegalStateException(
          e.getMessage() + "\ncommand: " + String.join(" ", command) + "\n" + node.logSection(), e);
    }
    return node;
  }

  int port() {
    return port;
  }

  Path dataDir() {
    return dataDir;
  }

  long pid() {
    return process.pid();
  }

  /** What the node printed so far, standard output (the first admin password) and log alike. */
  String output() {
    try {
      return Files.readString(log, StandardCharsets.UTF_8);
    } catch (IOException e) {
      return "";
    }
  }

  /** The node's output so far, framed for an assertion message. */
  String logSection() {
    String text;
    try {
      text = Files.readString(log, StandardCharsets.UTF_8);
    } catch (IOException e) {
      text = "(cannot read " + log + ": " + e + ")";
    }
    return "--- node log (" + log + ") ---\n" + text + "--- end of node log ---";
  }

  /** SIGKILL, as a crash or the OOM killer: no shutdown hook runs. Waits for the process to be gone. */
  void kill() throws InterruptedException {
    process.destroyForcibly();
    if (!process.waitFor(STOP_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS)) {
      throw new IllegalStateException("node " + process.pid() + " still runs after SIGKILL");
    }
  }

  /** SIGTERM, a graceful stop, and waits for the process to exit; returns its exit status. */
  int stop() throws InterruptedException {
    process.destroy();
    if (!process.waitFor(STOP_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS)) {
      process.destroyForcibly().waitFor(STOP_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
      throw new IllegalStateException("node did not stop within " + STOP_TIMEOUT + " of SIGTERM\n" + logSection());
    }
    return process.exitValue();
  }

  /** Asks the node to stop (SIGTERM, so it shuts down as in production), and kills it if it will not. */
  @Override
  public void close() {
    // The launcher execs java, so there should be no descendants; stop any all the same.
    process.descendants().forEach(ProcessHandle::destroy);
    process.destroy();
    try {
      if (!process.waitFor(STOP_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS)) {
        process.descendants().forEach(ProcessHandle::destroyForcibly);
        process.destroyForcibly().waitFor(STOP_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
      }
    } catch (InterruptedException e) {
      process.destroyForcibly();
      Thread.currentThread().interrupt();
    }
  }

  static Path launcher() {
    // Set by failsafe (server/pom.xml); the fallback serves an IDE run from the module folder.
    Path launcher = Path.of(System.getProperty("memcluster.launcher", "../bin/memcluster"))
        .toAbsolutePath().normalize();
    if (!Files.isExecutable(launcher)) {
      throw new IllegalStateException("no executable launcher at " + launcher);
    }
    return launcher;
  }

  static int freePort() throws IOException {
    try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      return socket.getLocalPort();
    }
  }

  private static boolean acceptsConnections(int port) {
    try (Socket socket = new Socket()) {
      socket.connect(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 1_000);
      return true;
    } catch (IOException e) {
      return false;
    }
  }
}
