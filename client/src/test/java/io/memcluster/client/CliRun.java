package io.memcluster.client;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;

/**
 * Runs the whole CLI in this JVM the way the launcher would, with standard input a pipe (not a
 * terminal), a given environment and the outputs captured.
 */
final class CliRun {

    record Result(int exit, String out, String err) {
        @Override
        public String toString() {
            return "exit " + exit + "\n--- stdout\n" + out + "--- stderr\n" + err;
        }
    }

    private final Map<String, String> env = new HashMap<>();
    private final Path home;

    /** @param home the user's home (history file), a test's own folder */
    CliRun(Path home) {
        this.home = home;
    }

    CliRun env(String name, String value) {
        env.put(name, value);
        return this;
    }

    Result run(String... args) {
        return runWithInput("", args);
    }

    Result runWithInput(String stdin, String... args) {
        return runMain(stdin, CliCommand::run, args);
    }

    /** {@code bin/memcluster snapshot} with these arguments. */
    Result snapshot(String... args) {
        return runMain("", SnapshotCommand::run, args);
    }

    private Result runMain(String stdin, java.util.function.ToIntBiFunction<String[], CliEnvironment> main,
            String... args) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        CliEnvironment environment = new CliEnvironment(
                new ByteArrayInputStream(stdin.getBytes(StandardCharsets.UTF_8)),
                new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(err, true, StandardCharsets.UTF_8),
                Map.copyOf(env), Path.of("").toAbsolutePath(), home, null);
        int exit = main.applyAsInt(args, environment);
        return new Result(exit, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    }
}
