package io.memcluster.client;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Optional;
import java.util.function.Function;
import org.jline.reader.LineReader;
import org.jline.reader.LineReaderBuilder;
import org.jline.reader.impl.LineReaderImpl;
import org.jline.terminal.Terminal;

/**
 * Where the CLI asks for a secret: on the shell's terminal, or on one opened for the question
 * (a one-shot command run from a terminal), with a line reader of its own that keeps no history
 * and completes nothing, and echoes nothing (not even stars).
 */
final class MaskedPrompt {

    private MaskedPrompt() {
    }

    /**
     * @param shellTerminal the shell's terminal, or null
     * @param questions     asks its questions with {@link #read}
     * @return empty when there is no terminal to ask on
     */
    static <T> Optional<T> onTerminal(CliEnvironment environment, Terminal shellTerminal,
            Function<LineReader, T> questions) {
        if (shellTerminal != null) {
            return Optional.of(questions.apply(reader(shellTerminal)));
        }
        if (environment.terminals() == null) {
            return Optional.empty();
        }
        try (Terminal terminal = environment.terminals().open()) {
            return Optional.of(questions.apply(reader(terminal)));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** One masked line; throws JLine's UserInterruptException or EndOfFileException on Ctrl-C/Ctrl-D. */
    static char[] read(LineReader reader, String prompt) {
        return reader.readLine(prompt, LineReaderImpl.NULL_MASK).toCharArray();
    }

    private static LineReader reader(Terminal terminal) {
        return LineReaderBuilder.builder().terminal(terminal).build();
    }
}
