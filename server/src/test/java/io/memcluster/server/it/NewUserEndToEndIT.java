package io.memcluster.server.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.spotify.folsom.AsciiMemcacheClient;
import com.spotify.folsom.MemcacheClientBuilder;
import com.spotify.folsom.MemcacheStatus;
import com.spotify.folsom.client.tls.DefaultSSLEngineFactory;
import io.memcluster.server.TestTls;
import io.memcluster.testkit.RawClient;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * The "done when", as a new user would do it with the launcher: start a node, read
 * the generated admin password, use it over TLS from {@code openssl s_client} and from folsom;
 * then add a user with {@code cart:read}, who can read {@code cart.x} and is refused writing it
 * and reading {@code orders.y}.
 */
class NewUserEndToEndIT {

  private static final Pattern GENERATED = Pattern.compile("^ {4}([A-Za-z0-9]{20})$", Pattern.MULTILINE);

  @Test
  void newUserStartsANodeAndUsesItOverTls() throws Exception {
    try (NodeProcess node = NodeProcess.start(NodeProcess.DEFAULTS)) {
      Matcher shown = GENERATED.matcher(node.output());
      assertThat(shown.find()).as("generated admin password in the output%n%s", node.logSection()).isTrue();
      String password = shown.group(1);
      Path ca = node.dataDir().resolve("certs").resolve("ca.crt");

      // 1. openssl s_client, typing memcached commands after the login
      String login = "admin " + password;
      String typed = "set login 0 0 " + login.length() + "\r\n" + login + "\r\n"
          + "set cart.x 0 0 5\r\nhello\r\nset orders.y 0 0 6\r\nsecret\r\nget cart.x\r\n";
      assertThat(sClient(node.port(), ca, typed, "END"))
          .contains("STORED\r\nSTORED\r\nSTORED\r\nVALUE cart.x 0 5\r\nhello\r\nEND");

      // 2. folsom, with its own login and TLS options
      AsciiMemcacheClient<String> folsom = MemcacheClientBuilder.newStringClient()
          .withAddress("localhost", node.port())
          .withSSLEngineFactory(new DefaultSSLEngineFactory(TestTls.trusting(ca), true))
          .withUsernamePassword("admin", password)
          .withRequestTimeoutMillis(10_000)
          .connectAscii();
      try {
        folsom.awaitFullyConnected(20, TimeUnit.SECONDS);
        assertThat(folsom.get("cart.x").toCompletableFuture().get(10, TimeUnit.SECONDS)).isEqualTo("hello");
        assertThat(folsom.set("cart.y", "from folsom", 0).toCompletableFuture().get(10, TimeUnit.SECONDS))
            .isEqualTo(MemcacheStatus.OK);
      } finally {
        folsom.shutdown();
      }

      // 3. a user who may read the cart, added while the node runs, in force at SIGHUP
      Process add = new ProcessBuilder(NodeProcess.launcher().toString(), "users", "add", "reader",
          "--perm", "cart:read", "--password", "reader-pw",
          "--file", node.dataDir().resolve("users.json").toString())
          .redirectErrorStream(true).start();
      String addOutput = new String(add.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
      assertThat(add.waitFor(60, TimeUnit.SECONDS)).isTrue();
      assertThat(add.exitValue()).as(addOutput).isZero();
      Process hup = new ProcessBuilder("kill", "-HUP", Long.toString(node.pid())).start();
      assertThat(hup.waitFor(10, TimeUnit.SECONDS)).isTrue();
      await("the node to reload on SIGHUP").atMost(Duration.ofSeconds(20))
          .until(() -> node.output().contains("SIGHUP: reloading TLS files and users"));

      try (RawClient reader = RawClient.tls(node.port(), TestTls.trusting(ca))) {
        await().atMost(Duration.ofSeconds(20)).until(() -> reader.login("reader", "reader-pw").equals("STORED"));
        assertThat(reader.call("get cart.x\r\n", "END")).isEqualTo("VALUE cart.x 0 5\r\nhello\r\nEND\r\n");
        assertThat(reader.call("set cart.x 0 0 1\r\nz\r\n", "CLIENT_ERROR permission denied"))
            .isEqualTo("CLIENT_ERROR permission denied\r\n");
        assertThat(reader.call("get orders.y\r\n", "CLIENT_ERROR permission denied"))
            .isEqualTo("CLIENT_ERROR permission denied\r\n");
      }
      assertThat(node.output()).as("the password is in the output once, never in a log line")
          .containsOnlyOnce(password);
    }
  }

  @Test
  void malformedUsersFileStopsTheLauncherWithTheReason() throws Exception {
    // absolute: the launcher runs the node in the installation folder
    Path dataDir = Files.createTempDirectory(
        Files.createDirectories(Path.of("target", "it-data").toAbsolutePath()), "broken-");
    Files.writeString(dataDir.resolve("users.json"), "[{\"username\": \"foo\",");
    Path log = dataDir.resolveSibling(dataDir.getFileName() + ".log");
    Process node = new ProcessBuilder(NodeProcess.launcher().toString(), "node",
        "--port", Integer.toString(NodeProcess.freePort()), "--data-dir", dataDir.toString())
        .redirectErrorStream(true).redirectOutput(log.toFile()).start();
    boolean exited = node.waitFor(60, TimeUnit.SECONDS);
    if (!exited) {
      node.destroyForcibly();
    }
    String output = Files.readString(log, StandardCharsets.UTF_8);

    assertThat(exited).as("the node stopped by itself%n%s", output).isTrue();
    assertThat(node.exitValue()).as(output).isEqualTo(1);
    assertThat(output).contains("memcluster node: refusing to start without usable users: "
        + dataDir.resolve("users.json") + ": is not valid JSON");
  }

  /** Types {@code input} into openssl s_client and returns what came back up to {@code last}. */
  private static String sClient(int port, Path ca, String input, String last) throws Exception {
    Process process = new ProcessBuilder("openssl", "s_client", "-connect", "localhost:" + port,
        "-CAfile", ca.toString(), "-verify_return_error", "-quiet")
        .redirectError(ProcessBuilder.Redirect.DISCARD).start();
    try {
      return CompletableFuture.supplyAsync(() -> {
        StringBuilder output = new StringBuilder();
        try (BufferedReader in = new BufferedReader(
            new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
            OutputStream stdin = process.getOutputStream()) {
          stdin.write(input.getBytes(StandardCharsets.UTF_8));
          stdin.flush();
          // ends at the last expected line, or when s_client exits
          for (String line = in.readLine(); line != null; line = in.readLine()) {
            output.append(line).append("\r\n");
            if (line.equals(last)) {
              break;
            }
          }
        } catch (IOException e) {
          output.append(e);
        }
        return output.toString();
      }).get(30, TimeUnit.SECONDS);
    } finally {
      process.destroyForcibly();
    }
  }

}
