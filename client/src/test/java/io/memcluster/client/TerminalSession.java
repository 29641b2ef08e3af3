package io.memcluster.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.PipedInputStream;
import java.io.PipedOutputStream;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.jline.terminal.Attributes;
import org.jline.terminal.Size;
import org.jline.terminal.Terminal;
import org.jline.terminal.impl.ExternalTerminal;

/**
 * The CLI on a terminal of our own (JLine's external terminal over pipes, an xterm with Ctrl-C
 * as the interrupt key and Ctrl-D as end of input): keys typed in, the screen read back. Keys are typed only once the
 * screen shows the CLI waiting for them, so that a Ctrl-C reaches the line it was meant for.
 */
final class TerminalSession implements AutoCloseable {

    private static final Duration PATIENCE = Duration.ofSeconds(15);

    private final PipedOutputStream keys = new PipedOutputStream();
    private final Screen screen = new Screen();
    private final ExecutorService thread = Executors.newSingleThreadExecutor(r -> {
        Thread t = new Thread(r, "cli-under-test");
        t.setDaemon(true);
        return t;
    });
    private final Future<Integer> exit;

    TerminalSession(Path home, Map<String, String> env, String... args) throws IOException {
        PipedInputStream keyboard = new PipedInputStream(keys, 64 * 1024);
        CliEnvironment environment = new CliEnvironment(new ByteArrayInputStream(new byte[0]),
                new PrintStream(screen, true, StandardCharsets.UTF_8), new PrintStream(screen, true, StandardCharsets.UTF_8),
                env, Path.of("").toAbsolutePath(), home, () -> terminal(keyboard, screen));
        exit = thread.submit(() -> CliCommand.run(args, environment));
    }

    /**
     * JLine's external terminal, not TerminalBuilder: given streams and system(false), the
     * builder opens a real pseudo-terminal, whose line discipline swallows Ctrl-C (no process
     * group to signal) and writes the screen asynchronously.
     */
    private static Terminal terminal(InputStream keyboard, OutputStream screen) throws IOException {
        Terminal terminal = new ExternalTerminal("test", "xterm", keyboard, screen, StandardCharsets.UTF_8);
        Attributes attributes = terminal.getAttributes();
        // what a terminal's stty says: Ctrl-C interrupts, Ctrl-D is end of input
        attributes.setLocalFlag(Attributes.LocalFlag.ISIG, true);
        attributes.setControlChar(Attributes.ControlChar.VINTR, 3);
        attributes.setControlChar(Attributes.ControlChar.VEOF, 4);
        terminal.setAttributes(attributes);
        terminal.setSize(new Size(160, 50));
        return terminal;
    }

    void type(String text) {
        try {
            keys.write(text.getBytes(StandardCharsets.UTF_8));
            keys.flush();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Waits until the screen shows {@code text} (at most {@link #PATIENCE}). */
    void awaitScreen(String text) {
        await().atMost(PATIENCE).pollInterval(Duration.ofMillis(20))
                .untilAsserted(() -> assertThat(screen()).as("the screen").contains(text));
    }

    /** Waits until the screen shows {@code text} {@code times} times. */
    void awaitScreen(String text, int times) {
        await().atMost(PATIENCE).pollInterval(Duration.ofMillis(20))
                .untilAsserted(() -> assertThat(count(screen(), text)).as("'%s' on the screen:%n%s", text, screen())
                        .isGreaterThanOrEqualTo(times));
    }

    String screen() {
        return screen.text();
    }

    /** The screen without terminal control sequences and carriage returns: the text a person reads. */
    String plainScreen() {
        return screen().replaceAll("\u001b\\[[?0-9;]*[A-Za-z]|\u001b[=>]|\r", "");
    }

    int awaitExit() throws Exception {
        return exit.get(PATIENCE.toSeconds(), TimeUnit.SECONDS);
    }

    static int count(String haystack, String needle) {
        int n = 0;
        for (int at = haystack.indexOf(needle); at >= 0; at = haystack.indexOf(needle, at + needle.length())) {
            n++;
        }
        return n;
    }

    @Override
    public void close() throws IOException {
        keys.close();
        thread.shutdownNow();
    }

    /** What was written to the terminal, safe to read while it is being written. */
    private static final class Screen extends ByteArrayOutputStream {
        synchronized String text() {
            return toString(StandardCharsets.UTF_8);
        }
    }
}
