package io.memcluster.client;

import io.memcluster.auth.UsersFile;
import io.memcluster.client.session.NewPasswords;
import io.memcluster.client.statement.UsageException;
import java.util.Arrays;
import org.jline.reader.EndOfFileException;
import org.jline.reader.LineReader;
import org.jline.reader.UserInterruptException;
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
        return MaskedPrompt.onTerminal(environment, shellTerminal, reader -> askTwice(reader, username))
                .map(typed -> new NewPassword(typed, false))
                .orElseGet(() -> new NewPassword(UsersFile.generatePassword().toCharArray(), true));
    }

    private static char[] askTwice(LineReader reader, String username) {
        char[] first = null;
        char[] second = null;
        try {
            first = MaskedPrompt.read(reader, "New password for " + username + ": ");
            second = MaskedPrompt.read(reader, "Again: ");
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
