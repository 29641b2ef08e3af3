package io.memcluster.server.it;

import static org.assertj.core.api.Assertions.fail;
import static org.awaitility.Awaitility.await;

import io.memcluster.testkit.Memccapable;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * memccapable through stunnel (Debian's {@code stunnel4}) in client mode in front of the node's
 * TLS port, with logins off for the run: the whole protocol, unchanged, over the node's TLS,
 * with a TLS stack nobody here wrote checking the node's certificate against the generated CA.
 */
class StunnelMemccapableIT {

  private static final String TLS_WITHOUT_AUTH = "auth:\n  enabled: false\n";

  @Test
  void memccapablePassesEveryAsciiTestOverTheTlsPort() throws Exception {
    Path stunnel = Memccapable.onPath("stunnel4").or(() -> Memccapable.onPath("stunnel"))
        .orElseGet(() -> fail("stunnel is not installed; install stunnel4"
            + " (apt-get install stunnel4; .ci/run does it in CI)"));
    try (NodeProcess node = NodeProcess.start(TLS_WITHOUT_AUTH, "--memory", "64m")) {
      int accept = freePort();
      Path logs = Path.of(System.getProperty("memcluster.it.logs", "target/it-logs")).toAbsolutePath();
      Path log = logs.resolve("stunnel-" + accept + ".log");
      Path config = Files.writeString(logs.resolve("stunnel-" + accept + ".conf"), String.join("\n",
          "foreground = yes",
          "pid =",
          "output = " + log,
          "debug = notice",
          "[memcluster]",
          "client = yes",
          "accept = 127.0.0.1:" + accept,
          "connect = 127.0.0.1:" + node.port(),
          "CAfile = " + node.dataDir().resolve("certs").resolve("ca.crt").toAbsolutePath(),
          "verifyChain = yes",
          "checkHost = localhost",
          "sslVersionMin = TLSv1.2",
          ""));
      Process tunnel = new ProcessBuilder(stunnel.toString(), config.toString())
          .redirectErrorStream(true)
          .redirectOutput(logs.resolve("stunnel-" + accept + ".out").toFile())
          .start();
      try {
        await("stunnel listening on 127.0.0.1:" + accept)
            .atMost(Duration.ofSeconds(30))
            .pollInterval(Duration.ofMillis(100))
            .failFast("stunnel exited", () -> !tunnel.isAlive())
            .until(() -> accepts(accept));
        Memccapable.assertAllPass(accept, "stunnel-" + accept,
            () -> node.logSection() + "\n--- stunnel log ---\n" + read(log));
      } finally {
        tunnel.destroy();
        if (!tunnel.waitFor(10, TimeUnit.SECONDS)) {
          tunnel.destroyForcibly();
        }
      }
    }
  }

  private static boolean accepts(int port) {
    try (Socket socket = new Socket()) {
      socket.connect(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 1_000);
      return true;
    } catch (IOException e) {
      return false;
    }
  }

  private static int freePort() throws IOException {
    try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      return socket.getLocalPort();
    }
  }

  private static String read(Path file) {
    try {
      return Files.readString(file, StandardCharsets.UTF_8);
    } catch (IOException e) {
      return "(no " + file + ")";
    }
  }
}
