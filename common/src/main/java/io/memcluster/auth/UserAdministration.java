package io.memcluster.auth;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Changes to the users of a running server, asked for over the protocol by an ADMIN
 * ({@code memcluster users add|remove|passwd}). Each change reads users.json afresh (so that an
 * edit made by hand since the last reload is kept), is written through {@link UsersFile}
 * (atomically, mode 0600) and is put in force at once through the {@link UserDirectory}, not at
 * the next poll.
 *
 * <p>Changes run one at a time on a thread of their own: each hashes a password (Argon2id, tens
 * of milliseconds) and writes a file, neither of which may run on an event loop, and one at a
 * time no change can undo another made in the same instant.
 */
public final class UserAdministration implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(UserAdministration.class);

    /** Changes waiting behind the running one; more are refused at once. */
    static final int MAX_WAITING = 16;

    /** What came of a change; the protocol answers each status with its own reply. */
    public enum Status {
        /** Done and in force. */
        DONE,
        /** add: the username is taken. */
        EXISTS,
        /** remove, passwd: there is no such user. */
        NOT_FOUND,
        /** The request is invalid or not allowed; the message says why and what would be valid. */
        REFUSED,
        /** The server could not do it (users.json unreadable or unwritable, too busy). */
        FAILED
    }

    /** @param message one line for the one who asked, empty for {@link Status#DONE} */
    public record Change(Status status, String message) {
        static final Change DONE = new Change(Status.DONE, "");
    }

    private final UserDirectory directory;
    private final ThreadPoolExecutor worker;

    public UserAdministration(UserDirectory directory) {
        this.directory = directory;
        this.worker = new ThreadPoolExecutor(1, 1, 30, TimeUnit.SECONDS, new ArrayBlockingQueue<>(MAX_WAITING),
                runnable -> {
                    Thread thread = new Thread(runnable, "user-admin");
                    thread.setDaemon(true);
                    return thread;
                });
        worker.allowCoreThreadTimeOut(true);
    }

    /** The users in force, in file order; read at once (nothing to hash or write). */
    public List<User> list() {
        return directory.users().all().stream().map(StoredUser::user).toList();
    }

    /**
     * Adds a user.
     *
     * @param permissions comma-separated, as users.json writes them ({@code cart:read,orders:write}),
     *                    or {@code -} for none
     * @param password    UTF-8; wiped once read
     */
    public CompletableFuture<Change> add(String username, String permissions, byte[] password, String by) {
        return submit(password, () -> {
            List<Permission> parsed;
            String secret;
            try {
                Usernames.requireValid(username);
                parsed = parsePermissions(permissions);
                secret = utf8(password);
            } catch (IllegalArgumentException e) {
                return refused(e.getMessage());
            }
            UsersFile file = UsersFile.load(directory.path());
            if (file.users().contains(username)) {
                return new Change(Status.EXISTS, "user '" + username + "' already exists");
            }
            file.add(username, secret, parsed);
            directory.replace(file.users());
            log.info("user '{}' added by '{}'", username, by);
            return Change.DONE;
        });
    }

    /** Removes a user, unless it is the last one holding ADMIN (nobody could administer then). */
    public CompletableFuture<Change> remove(String username, String by) {
        return submit(null, () -> {
            UsersFile file = UsersFile.load(directory.path());
            StoredUser existing = file.users().find(username).orElse(null);
            if (existing == null) {
                return notFound(username);
            }
            boolean otherAdmin = file.users().all().stream()
                    .anyMatch(other -> other.user().isAdmin() && !other.user().username().equals(username));
            if (existing.user().isAdmin() && !otherAdmin) {
                return refused("user '" + username + "' is the last ADMIN; add another ADMIN first");
            }
            file.remove(username);
            directory.replace(file.users());
            log.info("user '{}' removed by '{}'", username, by);
            return Change.DONE;
        });
    }

    /** Sets a new password; connections already logged in stay so. */
    public CompletableFuture<Change> passwd(String username, byte[] password, String by) {
        return submit(password, () -> {
            String secret;
            try {
                secret = utf8(password);
            } catch (IllegalArgumentException e) {
                return refused(e.getMessage());
            }
            UsersFile file = UsersFile.load(directory.path());
            if (!file.users().contains(username)) {
                return notFound(username);
            }
            file.passwd(username, secret);
            directory.replace(file.users());
            log.info("password of user '{}' changed by '{}'", username, by);
            return Change.DONE;
        });
    }

    @Override
    public void close() {
        worker.shutdownNow();
    }

    private interface Step {
        Change run() throws UsersFileException, IOException;
    }

    private CompletableFuture<Change> submit(byte[] password, Step step) {
        Supplier<Change> task = () -> {
            try {
                return step.run();
            } catch (IllegalArgumentException e) {
                // UsersFile's checks of the password
                return refused(e.getMessage());
            } catch (UsersFileException e) {
                log.warn("user change refused: {}", e.getMessage());
                return new Change(Status.FAILED, "cannot use the users file: " + e.getMessage());
            } catch (IOException e) {
                log.warn("user change failed: cannot write {}: {}", directory.path(), e.toString());
                return new Change(Status.FAILED, "cannot write " + directory.path() + ": " + e.getClass().getSimpleName());
            } finally {
                if (password != null) {
                    Arrays.fill(password, (byte) 0);
                }
            }
        };
        try {
            return CompletableFuture.supplyAsync(task, worker);
        } catch (RejectedExecutionException e) {
            if (password != null) {
                Arrays.fill(password, (byte) 0);
            }
            return CompletableFuture.completedFuture(new Change(Status.FAILED, "busy with other user changes, try again"));
        }
    }

    /** {@code -} for none, else comma-separated permissions. */
    static List<Permission> parsePermissions(String text) {
        if (text.equals("-")) {
            return List.of();
        }
        List<Permission> permissions = new ArrayList<>();
        for (String part : text.split(",", -1)) {
            if (part.isEmpty()) {
                throw new IllegalArgumentException("an empty permission in '" + text + "' (expected comma-separated "
                        + Permission.VALID_FORMS + "; - for none)");
            }
            permissions.add(Permission.parse(part));
        }
        return permissions;
    }

    private static String utf8(byte[] password) {
        try {
            return StandardCharsets.UTF_8.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(password)).toString();
        } catch (CharacterCodingException e) {
            throw new IllegalArgumentException("a password must be UTF-8 text");
        }
    }

    private static Change refused(String message) {
        return new Change(Status.REFUSED, message);
    }

    private static Change notFound(String username) {
        return new Change(Status.NOT_FOUND, "no user '" + username + "'");
    }
}
