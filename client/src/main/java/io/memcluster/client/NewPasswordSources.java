package io.memcluster.client;

import io.memcluster.auth.UsersFile;
import io.memcluster.client.session.NewPasswords;
import io.memcluster.client.statement.UsageException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Arrays;
import org.jline.reader.EndOfFileException;
import org.jline.reader.LineReader;
import org.jline.reader.LineReaderBuilder;
import org.jline.reader.UserInterruptException;
import org.jline.reader.impl.LineReaderImpl;
import org.jline.terminal.Terminal;

/**
 * New passwords for USER ADD and USER PASSWD, in order: {@value #ENV}; typed twice on the
 * terminal without echo (and without history); with neither, as in a script, a generated one
 * that the outcome shows once, as {@code bin/memcluster users add} does.
 */
final class NewPasswordSources implements NewPasswords {

    static final String ENV = "MEMCLUSTER_NEW_PASSWORD";

    private final CliEnvironment environment;
    private final Terminal shellTerminal;

    /** @param shellTerminal the shell's terminal, or null (one-shot: a terminal is opened to ask) */
    NewPasswordSources(CliEnvironment environment, Terminal shellTerminal) {
        this.environment = environment;
        this.shellTerminal = shellTerminal;
    }

    @Override
    public NewPassword forUser(String username) {
        String fromEnv = environment.env().get(ENV);
        if (fromEnv != null && !fromEnv.isEmpty()) {
            return new NewPassword(fromEnv.toCharArray(), false);
        }
        if (shellTerminal != null) {
            return new NewPassword(askTwice(shellTerminal, username), false);
        }
        if (environment.terminals() != null) {
            try (Terminal terminal = environment.terminals().open()) {
                return new NewPassword(askTwice(terminal, username), false);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return new NewPassword(UsersFile.generatePassword().toCharArray(), true);
    }

    private static char[] askTwice(Terminal terminal, String username) {
        // A reader of its own: no history file, no completion.
        LineReader reader = LineReaderBuilder.builder().terminal(terminal).build();
        char[] first = null;
        char[] second = null;
        try {
            first = reader.readLine("New password for " + username + ": ", LineReaderImpl.NULL_MASK).toCharArray();
            second = reader.readLine("Again: ", LineReaderImpl.NULL_MASK).toCharArray();
            if (first.length == 0) {
                throw new UsageException("the password is empty; nothing changed");
            }
            if (!Arrays.equals(first, second)) {
                throw new UsageException("the two passwords differ; nothing changed");
            }
            char[] password = first;
            first = null;
            return password;
        } catch (UserInterruptException | EndOfFileException e) {
            throw new UsageException("no password given; nothing changed");
        } finally {
            if (first != null) {
                Arrays.fill(first, '\0');
            }
            if (second != null) {
                Arrays.fill(second, '\0');
            }
        }
    }
}
