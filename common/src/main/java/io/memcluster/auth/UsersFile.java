package io.memcluster.auth;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code data/users.json}: loaded and checked as a whole, changed one operation at a time, each
 * change written atomically with mode 0600 (see {@link SecretFiles}). {@link #users()} is an
 * immutable snapshot that authenticating threads read without locking.
 *
 * <p>A password written in plain text is accepted on load, hashed in memory at once and
 * reported by {@link #plaintextUsers()}; {@link #rewriteHashed()} then replaces the file with
 * hashes only. Two processes changing the same file at the same moment are not coordinated:
 * the last write wins.
 */
public final class UsersFile {

    private static final Logger log = LoggerFactory.getLogger(UsersFile.class);

    /** Length of the generated first admin password: ~119 bits from letters and digits. */
    public static final int GENERATED_PASSWORD_LENGTH = 20;
    private static final String PASSWORD_ALPHABET =
            "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789";
    private static final SecureRandom RANDOM = new SecureRandom();

    private final Path path;
    private final PasswordHasher hasher;
    private final List<String> plaintextUsers;
    private volatile Users users;
    // True until the first save after loading plaintext: any save writes hashes only.
    private boolean fileHoldsPlaintext;

    private UsersFile(Path path, PasswordHasher hasher, Users users, List<String> plaintextUsers) {
        this.path = path;
        this.hasher = hasher;
        this.users = users;
        this.plaintextUsers = List.copyOf(plaintextUsers);
        this.fileHoldsPlaintext = !plaintextUsers.isEmpty();
    }

    /** Reads and checks {@code path}, which must exist. */
    public static UsersFile load(Path path) throws UsersFileException {
        return load(path, new PasswordHasher());
    }

    /** Like {@link #load(Path)}, but a missing file is an empty list of users. */
    public static UsersFile loadOrEmpty(Path path) throws UsersFileException {
        if (!Files.exists(path)) {
            return new UsersFile(path, new PasswordHasher(), Users.empty(), List.of());
        }
        return load(path);
    }

    static UsersFile load(Path path, PasswordHasher hasher) throws UsersFileException {
        byte[] json;
        try {
            json = Files.readAllBytes(path);
            if (SecretFiles.readableByOthers(path)) {
                log.warn("{} holds password hashes but other users may read it; chmod 600 it", path);
            }
        } catch (NoSuchFileException e) {
            throw new UsersFileException(path, List.of("no such file"));
        } catch (IOException e) {
            throw new UsersFileException(path, List.of("cannot be read: " + e.getMessage()));
        }
        List<StoredUser> stored = new ArrayList<>();
        List<String> plaintext = new ArrayList<>();
        for (UsersJson.Entry entry : UsersJson.parse(path, json)) {
            String hash = entry.password();
            if (entry.plaintext()) {
                log.warn("{}: user '{}' has a plaintext password; it is accepted, and should be"
                        + " rewritten hashed", path, entry.user().username());
                plaintext.add(entry.user().username());
                hash = hasher.hash(entry.password());
            }
            stored.add(new StoredUser(entry.user(), hash));
        }
        return new UsersFile(path, hasher, Users.of(stored), plaintext);
    }

    /**
     * Creates {@code path} with one {@code admin} user holding {@code ADMIN} and a random
     * password, when the file does not exist yet.
     *
     * @return the new password, to be shown once; empty when the file already existed
     */
    public static Optional<String> createDefaultIfMissing(Path path) throws IOException {
        if (Files.exists(path)) {
            return Optional.empty();
        }
        String password = generatePassword();
        User admin = new User("admin", List.of(Permission.ADMIN));
        Users users = Users.of(List.of(new StoredUser(admin, new PasswordHasher().hash(password))));
        SecretFiles.replace(path, UsersJson.render(users.all()));
        log.info("{}: created with user 'admin'", path);
        return Optional.of(password);
    }

    /** A random password of {@value #GENERATED_PASSWORD_LENGTH} letters and digits. */
    public static String generatePassword() {
        StringBuilder password = new StringBuilder(GENERATED_PASSWORD_LENGTH);
        for (int i = 0; i < GENERATED_PASSWORD_LENGTH; i++) {
            password.append(PASSWORD_ALPHABET.charAt(RANDOM.nextInt(PASSWORD_ALPHABET.length())));
        }
        return password.toString();
    }

    public Path path() {
        return path;
    }

    /** The current users; a snapshot that later changes do not alter. */
    public Users users() {
        return users;
    }

    /** Users whose password the file held in plain text when it was loaded. */
    public List<String> plaintextUsers() {
        return plaintextUsers;
    }

    /**
     * Writes the file again with every password hashed; does nothing when the file holds no
     * plaintext password (any more).
     */
    public synchronized void rewriteHashed() throws IOException {
        if (!fileHoldsPlaintext) {
            return;
        }
        save(users);
        log.info("{}: rewritten with hashed passwords for {}", path, plaintextUsers);
    }

    /**
     * Adds a user and saves.
     *
     * @throws IllegalStateException when the username is taken
     * @throws IllegalArgumentException when the password is empty or could never be used
     */
    public synchronized User add(String username, String password, List<Permission> permissions)
            throws IOException {
        User user = new User(username, permissions);
        requireUsable(password);
        if (users.contains(username)) {
            throw new IllegalStateException("user '" + username + "' already exists");
        }
        save(users.with(new StoredUser(user, hasher.hash(password))));
        log.info("{}: added user '{}' with {}", path, username, user.permissionTexts());
        return user;
    }

    /** @throws IllegalStateException when there is no such user */
    public synchronized void remove(String username) throws IOException {
        requireExisting(username);
        save(users.without(username));
        log.info("{}: removed user '{}'", path, username);
    }

    /**
     * Sets a new password and saves.
     *
     * @throws IllegalStateException when there is no such user
     * @throws IllegalArgumentException when the password is empty or could never be used
     */
    public synchronized void passwd(String username, String password) throws IOException {
        requireUsable(password);
        StoredUser existing = requireExisting(username);
        save(users.with(new StoredUser(existing.user(), hasher.hash(password))));
        log.info("{}: changed the password of user '{}'", path, username);
    }

    /** Every user, in file order, without hashes. */
    public List<User> list() {
        return users.all().stream().map(StoredUser::user).toList();
    }

    // The Authenticator reads a secret starting with jwt: as a token, never as a password.
    private static void requireUsable(String password) {
        if (password.isEmpty()) {
            throw new IllegalArgumentException("password must not be empty");
        }
        if (password.startsWith(Authenticator.TOKEN_PREFIX)) {
            throw new IllegalArgumentException("a password must not start with '"
                    + Authenticator.TOKEN_PREFIX + "', which marks a token");
        }
    }

    private StoredUser requireExisting(String username) {
        return users.find(username).orElseThrow(
                () -> new IllegalStateException("no user '" + username + "' in " + path));
    }

    // Memory changes only once the file is safely replaced, so a failed write changes nothing.
    private void save(Users next) throws IOException {
        SecretFiles.replace(path, UsersJson.render(next.all()));
        users = next;
        fileHoldsPlaintext = false;
    }
}
