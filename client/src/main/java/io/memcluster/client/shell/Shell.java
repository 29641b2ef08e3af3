package io.memcluster.client.shell;

import io.memcluster.auth.Namespaces;
import io.memcluster.client.session.ExitCodes;
import io.memcluster.client.session.Session;
import io.memcluster.client.session.StatementRunner;
import io.memcluster.client.statement.Statement;
import io.memcluster.client.statement.StatementParser;
import io.memcluster.client.statement.UsageException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.function.Function;
import org.jline.reader.EndOfFileException;
import org.jline.reader.LineReader;
import org.jline.reader.LineReaderBuilder;
import org.jline.reader.UserInterruptException;
import org.jline.terminal.Terminal;

/**
 * The interactive shell on a terminal: a prompt naming user, server and namespace, line
 * editing, a history file (without passwords, readable by the user only), tab completion of
 * commands and namespaces. Ctrl-C cancels the line being typed, or stops a running listing;
 * Ctrl-D on an empty line (or QUIT) leaves. A lost connection is reported and reopened by the
 * next statement.
 */
public final class Shell {

    private final Terminal terminal;
    private final Path historyFile;
    private LineReader reader;
    private Session session;

    /** @param historyFile where the history is kept; null for none */
    public Shell(Terminal terminal, Path historyFile) {
        this.terminal = terminal;
        this.historyFile = historyFile;
    }

    /** The line reader, for questions asked while a statement runs (FLUSH NAMESPACE's "sure?"). */
    public LineReader reader() {
        if (reader == null) {
            LineReaderBuilder builder = LineReaderBuilder.builder()
                    .terminal(terminal)
                    .appName("memcluster")
                    .history(new HistoryWithoutSecrets())
                    .completer(new ShellCompleter(() -> session == null ? java.util.List.of() : NamespaceNames.fetch(session)))
                    // '!' in a value is a value, not a history reference
                    .option(LineReader.Option.DISABLE_EVENT_EXPANSION, true)
                    .option(LineReader.Option.CASE_INSENSITIVE, true)
                    .option(LineReader.Option.HISTORY_IGNORE_SPACE, true)
                    .option(LineReader.Option.HISTORY_IGNORE_DUPS, true);
            if (historyFile != null) {
                prepareHistoryFile(historyFile);
                builder.variable(LineReader.HISTORY_FILE, historyFile);
            }
            reader = builder.build();
        }
        return reader;
    }

    /** Answers yes/no questions on this terminal; anything but y or yes is no. */
    public StatementRunner.Confirmation confirmation() {
        return question -> {
            try {
                String answer = reader().readLine(question + " [y/N] ");
                return answer.strip().equalsIgnoreCase("y") || answer.strip().equalsIgnoreCase("yes");
            } catch (UserInterruptException | EndOfFileException e) {
                return false;
            }
        };
    }

    /**
     * Reads and runs statements until QUIT or Ctrl-D.
     *
     * @param runners makes the runner once the reader exists (the runner needs its confirmation)
     * @return 0: leaving the shell is a success whatever the last statement did (a failing
     *         statement was reported on its line; scripts use one-shot commands or a pipe)
     */
    public int run(Function<Shell, StatementRunner> runners) {
        StatementRunner runner = runners.apply(this);
        session = runner.session();
        LineReader lines = reader();
        terminal.writer().println("Connected to " + session.hostAndPort()
                + session.username().map(u -> " as " + u).orElse("")
                + ". HELP lists the commands; Ctrl-D leaves.");
        terminal.writer().flush();
        while (true) {
            String line;
            try {
                line = lines.readLine(prompt(session));
            } catch (UserInterruptException e) {
                continue; // Ctrl-C: the line is dropped, the shell stays
            } catch (EndOfFileException e) {
                break;
            }
            Statement statement;
            try {
                statement = StatementParser.parseLine(line);
            } catch (UsageException e) {
                runner.usageError(e);
                continue;
            }
            if (statement == null) {
                continue;
            }
            if (statement instanceof Statement.Quit) {
                break;
            }
            runWithCtrlC(runner, statement);
        }
        saveHistory();
        return ExitCodes.OK;
    }

    private int runWithCtrlC(StatementRunner runner, Statement statement) {
        Terminal.SignalHandler previous = terminal.handle(Terminal.Signal.INT, signal -> runner.cancel());
        try {
            return runner.run(statement);
        } finally {
            terminal.handle(Terminal.Signal.INT, previous);
        }
    }

    static String prompt(Session session) {
        String who = session.username().map(u -> u + "@").orElse("");
        String namespace = session.namespace().equals(Namespaces.DEFAULT) ? "" : "/" + session.namespace();
        return who + session.hostAndPort() + namespace + "> ";
    }

    private void saveHistory() {
        try {
            reader().getHistory().save();
        } catch (IOException e) {
            terminal.writer().println("could not save the history to " + historyFile + ": " + e.getMessage());
        }
    }

    /** The history may hold keys and values: readable by its owner only. */
    private static void prepareHistoryFile(Path file) {
        try {
            if (!Files.exists(file)) {
                Path parent = file.toAbsolutePath().getParent();
                if (parent != null) {
                    Files.createDirectories(parent);
                }
                try {
                    Files.createFile(file, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
                } catch (UnsupportedOperationException e) {
                    Files.createFile(file);
                }
            }
        } catch (IOException e) {
            // JLine reports an unwritable history itself; the shell works without one
        }
    }
}
