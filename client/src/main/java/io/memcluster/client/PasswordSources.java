package io.memcluster.client;

import io.memcluster.client.connection.Credentials;
import io.memcluster.client.connection.PasswordUnavailableException;
import org.jline.reader.EndOfFileException;
import org.jline.reader.UserInterruptException;
import org.jline.terminal.Terminal;

/**
 * Where the password comes from, in order: {@code --password}, {@code MEMCLUSTER_PASSWORD},
 * a prompt on the terminal that echoes nothing (not even stars) and keeps no history. Asked
 * only when the server wants a login.
 */
final class PasswordSources {

    private final CliEnvironment environment;
    private final String flag;
    private final Terminal shellTerminal;

    /** @param shellTerminal the shell's terminal, or null (one-shot: a terminal is opened to ask) */
    PasswordSources(CliEnvironment environment, String flag, Terminal shellTerminal) {
        this.environment = environment;
        this.flag = flag;
        this.shellTerminal = shellTerminal;
    }

    Credentials.PasswordSource forUser(String user, String hostAndPort) {
        return () -> {
            if (flag != null) {
                return flag.toCharArray();
            }
            String fromEnv = environment.env().get("MEMCLUSTER_PASSWORD");
            if (fromEnv != null) {
                return fromEnv.toCharArray();
            }
            return MaskedPrompt.onTerminal(environment, shellTerminal, reader -> {
                try {
                    return MaskedPrompt.read(reader, "Password for " + user + "@" + hostAndPort + ": ");
                } catch (UserInterruptException | EndOfFileException e) {
                    throw new PasswordUnavailableException("no password given for user '" + user + "'");
                }
            }).orElseThrow(() -> new PasswordUnavailableException("no password for user '" + user
                    + "': set MEMCLUSTER_PASSWORD or give --password (there is no terminal to ask on)"));
        };
    }
}
