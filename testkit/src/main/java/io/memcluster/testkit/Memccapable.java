package io.memcluster.testkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import java.io.File;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * libmemcached's conformance suite, memccapable: its 27 ASCII protocol tests, which memcached
 * itself passes, run against a port and judged all at once.
 */
public final class Memccapable {

  public static final int ASCII_TESTS = 27;
  // memccapable prints one line per test: "ascii incr noreply                [pass]".
  private static final Pattern RESULT = Pattern.compile("^(ascii\\s.*?)\\s+\\[(\\w+)\\]\\s*$");
  // -t 5 bounds each I/O; this bounds the whole run should the node stall on every test.
  private static final long RUN_TIMEOUT_SECONDS = 180;

  private Memccapable() {
  }

  /**
   * Runs every ASCII test against 127.0.0.1:{@code port} and asserts that all 27 pass.
   *
   * @param name    names the transcript file under the IT logs
   * @param context what else to show when it fails (the node's log)
   */
  public static void assertAllPass(int port, String name, Supplier<String> context) throws Exception {
    Path memccapable = onPath("memccapable").orElseGet(() -> fail(
        "memccapable is not installed; install libmemcached-tools"
            + " (apt-get install libmemcached-tools; .ci/run does it in CI)"));
    Path output = Path.of(System.getProperty("memcluster.it.logs", "target/it-logs"))
        .resolve("memccapable-" + name + ".txt");
    Process run = new ProcessBuilder(memccapable.toString(),
        "-a", "-h", "127.0.0.1", "-p", Integer.toString(port), "-t", "5")
        .redirectErrorStream(true)
        .redirectOutput(output.toFile())
        .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")))
        .start();
    boolean finished = run.waitFor(RUN_TIMEOUT_SECONDS, TimeUnit.SECONDS);
    if (!finished) {
      run.destroyForcibly().waitFor();
    }
    String transcript = Files.readString(output, StandardCharsets.UTF_8);
    String shown = "--- memccapable output ---\n" + transcript
        + "--- end of memccapable output ---\n" + context.get();

    assertThat(finished)
        .as("memccapable finished within %d s%n%s", RUN_TIMEOUT_SECONDS, shown)
        .isTrue();
    Map<String, String> results = results(transcript);
    List<String> notPassed = results.entrySet().stream()
        .filter(result -> !result.getValue().equals("pass"))
        .map(result -> result.getKey() + " [" + result.getValue() + "]")
        .toList();
    assertThat(notPassed).as("ascii tests that did not pass%n%s", shown).isEmpty();
    assertThat(results).as("ascii tests reported%n%s", shown).hasSize(ASCII_TESTS);
    assertThat(run.exitValue()).as("memccapable exit status%n%s", shown).isZero();
  }

  /** Test name to status ("pass", "FAIL", "skipped", ...), in memccapable's order. */
  private static Map<String, String> results(String transcript) {
    Map<String, String> results = new LinkedHashMap<>();
    for (String line : transcript.split("\n")) {
      Matcher matcher = RESULT.matcher(line);
      if (matcher.matches()) {
        results.put(matcher.group(1), matcher.group(2));
      }
    }
    return results;
  }

  public static Optional<Path> onPath(String program) {
    String path = System.getenv().getOrDefault("PATH", "");
    return Stream.of(path.split(File.pathSeparator))
        .filter(dir -> !dir.isEmpty())
        .map(dir -> Path.of(dir, program))
        .filter(Files::isExecutable)
        .findFirst();
  }
}
