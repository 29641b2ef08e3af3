package io.memcluster.auth;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The users in force on a running node or coordinator, read from users.json and replaced when
 * the file changes. A file that cannot be used is refused at start (the process must not run
 * open) and, later, refused with a log line while the users already loaded stay in force. A file
 * without an ADMIN (an empty list too) is refused the same way: it would lock every operator out
 * of user administration and of the server's own commands, with nothing in the file to show why.
 *
 * <p>{@link #generation()} goes up with each replacement, so that a connection's cached
 * decisions ({@link NamespaceAccess}) can notice with one volatile read per command.
 */
public final class UserDirectory {

    private static final Logger log = LoggerFactory.getLogger(UserDirectory.class);

    private final Path path;
    private volatile Users users;
    private volatile long generation;

    private UserDirectory(Path path, Users users) {
        this.path = path;
        this.users = users;
    }

    /**
     * Reads {@code path}, rewriting plaintext passwords hashed.
     *
     * @throws UsersFileException when the file is missing, unreadable, invalid or has no ADMIN
     */
    public static UserDirectory load(Path path) throws UsersFileException {
        return new UserDirectory(path, read(path));
    }

    /** A fixed set of users, for tests and for embedding without a file. */
    public static UserDirectory of(Users users) {
        return new UserDirectory(Path.of("(in memory)"), users);
    }

    public Path path() {
        return path;
    }

    public Users users() {
        return users;
    }

    public Optional<User> find(String username) {
        return users.find(username).map(StoredUser::user);
    }

    public long generation() {
        return generation;
    }

    /**
     * Reads the file again and puts its users in force.
     *
     * @return false when the file was refused; the reason has been logged and nothing changed
     */
    public synchronized boolean reload() {
        Users next;
        try {
            next = read(path);
        } catch (UsersFileException e) {
            log.error("users not reloaded, the previous {} users stay in force: {}", users.size(), e.getMessage());
            return false;
        }
        replace(next);
        log.info("{}: reloaded, {} users", path, next.size());
        return true;
    }

    /** Puts {@code next} in force, as a reload would. */
    public synchronized void replace(Users next) {
        users = next;
        generation++;
    }

    private static Users read(Path path) throws UsersFileException {
        UsersFile file = UsersFile.load(path);
        if (file.users().all().stream().noneMatch(stored -> stored.user().isAdmin())) {
            String what = file.users().size() == 0 ? "holds no users" : "has no user with ADMIN";
            throw new UsersFileException(path, List.of(what + " (at least one is needed, or no one could"
                    + " administer the server; add one with: bin/memcluster users add <name> --perm ADMIN)"));
        }
        if (!file.plaintextUsers().isEmpty()) {
            try {
                file.rewriteHashed();
            } catch (IOException e) {
                // The users are still good in memory; only the file keeps its plaintext for now.
                log.warn("{}: cannot be rewritten with hashed passwords ({}); it still holds plaintext ones",
                        path, e.getMessage());
            }
        }
        return file.users();
    }
}
