package io.memcluster.client;

import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.Map;
import org.jline.terminal.Terminal;
import org.jline.terminal.TerminalBuilder;

/**
 * Everything the CLI takes from the world around it, so that tests can hand it pipes, a fake
 * environment and a terminal of their own.
 *
 * @param callerDir where the user ran the command: relative paths they give are resolved there
 *                  (the launcher changes into the installation folder, and says where it came from)
 * @param terminals opens the terminal for the shell and the password prompt; null when standard
 *                  input is not a terminal
 */
public record CliEnvironment(InputStream in, PrintStream out, PrintStream err, Map<String, String> env,
        Path callerDir, Path userHome, TerminalOpener terminals) {

    /** Opens a terminal; called at most once per prompt or shell. */
    @FunctionalInterface
    public interface TerminalOpener {
        Terminal open() throws IOException;
    }

    /** The real thing: the process's streams and environment, the system terminal if there is one. */
    public static CliEnvironment system() {
        Map<String, String> env = System.getenv();
        String caller = env.get("MEMCLUSTER_CALLER_DIR");
        Path callerDir = Path.of(caller != null && !caller.isBlank() ? caller : "").toAbsolutePath();
        // Java 17's console is there only when both standard input and output are a terminal.
        TerminalOpener terminals = System.console() == null ? null
                : () -> TerminalBuilder.builder().system(true).name("memcluster").build();
        // $HOME first, as shells do; Java's user.home comes from the password database
        String home = env.get("HOME");
        Path userHome = Path.of(home != null && !home.isBlank() ? home : System.getProperty("user.home"));
        return new CliEnvironment(System.in, System.out, System.err, env, callerDir, userHome, terminals);
    }

    /** A path as the user gave it, resolved against where they were. */
    public Path userPath(String given) {
        return callerDir.resolve(given).normalize();
    }
}
