package io.memcluster.frontend.security;

import io.memcluster.auth.UserDirectory;
import io.memcluster.auth.UsersFile;
import io.memcluster.auth.UsersFileException;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A node's or coordinator's users at start: created with one {@code admin} on the first start, whose password is
 * printed once to standard output (never to the log, which may be shipped elsewhere), then
 * loaded. A file that cannot be used stops the start: a server must never run open because its
 * users file is broken. Public for {@code bin/memcluster up}, which makes the coordinator's users
 * before it starts the coordinator as a daemon, whose standard output is a log file: the password
 * must reach the operator's terminal instead.
 */
public final class FirstStartUsers {

    private static final Logger log = LoggerFactory.getLogger(FirstStartUsers.class);

    private FirstStartUsers() {
    }

    /**
     * @param console where the generated password is shown, once: standard output, never a log
     * @throws StartException when the file cannot be created, read or used
     */
    public static UserDirectory load(Path usersFile, PrintStream console) throws StartException {
        Optional<String> password;
        try {
            password = UsersFile.createDefaultIfMissing(usersFile);
        } catch (IOException e) {
            throw new StartException("cannot create " + usersFile + ": " + e.getMessage(), e);
        }
        password.ifPresent(generated -> {
            console.println("memcluster: created " + usersFile + " with the user 'admin' (ADMIN); its password is");
            console.println();
            console.println("    " + generated);
            console.println();
            console.println("memcluster: it is shown only this once. Log in with: set login 0 0 <length>"
                    + " then 'admin <password>'; change it with: bin/memcluster users passwd admin");
            console.flush();
            log.info("{} created with the user 'admin'; its password was printed to standard output, once",
                    usersFile);
        });
        try {
            return UserDirectory.load(usersFile);
        } catch (UsersFileException e) {
            throw new StartException("refusing to start without usable users: " + e.getMessage()
                    + " (fix the file, or move it away to have a new one with an admin created)", e);
        }
    }
}
