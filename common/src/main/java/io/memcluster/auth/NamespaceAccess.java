package io.memcluster.auth;

/**
 * One connection's right to touch keys, asked for every key of every command, so it is built
 * to cost nothing on the usual path: unrestricted connections (auth off, or an ADMIN) answer
 * from one field; a key in {@code default} (most keys of a plain memcached workload) answers
 * from a decision made at login; any other namespace is compared in place against the last
 * one decided, so a run of keys in one namespace allocates nothing. Only a change of
 * namespace costs a String and a walk over the user's permissions.
 *
 * <p>Confined to the connection's event loop: not thread-safe. Notices a reload of the users
 * through {@link UserDirectory#generation()}: a user whose grants changed is judged by the new
 * ones from the next command on, and a removed user may do nothing.
 */
public final class NamespaceAccess {

    private final UserDirectory directory;
    private String username;
    private User user;
    private long generation;
    private boolean unrestricted;
    private boolean admin;
    private boolean defaultRead;
    private boolean defaultWrite;
    private final byte[] lastName = new byte[Namespaces.MAX_LENGTH];
    private int lastLength;
    private boolean lastRead;
    private boolean lastWrite;

    private NamespaceAccess(UserDirectory directory, boolean unrestricted) {
        this.directory = directory;
        this.unrestricted = unrestricted;
        this.admin = unrestricted;
    }

    /** For a listener without auth: everything is allowed, nothing is checked. */
    public static NamespaceAccess withoutAuth() {
        return new NamespaceAccess(null, true);
    }

    /** Nothing is allowed until {@link #grant} names the user who logged in. */
    public static NamespaceAccess unauthenticated(UserDirectory directory) {
        return new NamespaceAccess(directory, false);
    }

    /** The connection is now {@code user}'s. */
    public void grant(User user) {
        this.username = user.username();
        decideFor(user);
        this.generation = directory == null ? 0 : directory.generation();
    }

    public boolean authenticated() {
        return unrestricted || user != null;
    }

    /** Whether no check is needed at all: auth is off, or the user is ADMIN. */
    public boolean unrestricted() {
        refreshIfReloaded();
        return unrestricted;
    }

    public boolean isAdmin() {
        refreshIfReloaded();
        return admin;
    }

    /** The user, or null when auth is off or nobody has logged in yet. */
    public String username() {
        return username;
    }

    /** Whether the key in {@code key} may be read ({@link Access#READ}) or written. */
    public boolean may(byte[] key, Access access) {
        return may(key, key.length, access);
    }

    /** Like {@link #may(byte[], Access)} for a key in {@code key[0, length)}, as items hold theirs. */
    public boolean may(byte[] key, int length, Access access) {
        refreshIfReloaded();
        if (unrestricted) {
            return true;
        }
        if (user == null) {
            return false;
        }
        int prefix = Namespaces.prefixLength(key, 0, length);
        if (prefix == 0) {
            return access == Access.READ ? defaultRead : defaultWrite;
        }
        if (!sameAsLast(key, prefix)) {
            String namespace = Namespaces.namespaceOf(key, 0, length);
            lastRead = user.canRead(namespace);
            lastWrite = user.canWrite(namespace);
            System.arraycopy(key, 0, lastName, 0, prefix);
            lastLength = prefix;
        }
        return access == Access.READ ? lastRead : lastWrite;
    }

    /**
     * Whether some namespace may be read: ADMIN, auth off, or any grant (write includes read). A
     * listing of keys ({@code lru_crawler metadump}) is for these; each key is then judged by
     * {@link #may}.
     */
    public boolean mayReadSomeNamespace() {
        refreshIfReloaded();
        return unrestricted || (user != null && !user.permissions().isEmpty());
    }

    /** For listings by namespace name ({@code stats namespaces}); not for the per-key path. */
    public boolean mayRead(String namespace) {
        refreshIfReloaded();
        return unrestricted || (user != null && user.canRead(namespace));
    }

    /** For commands on a whole namespace by name ({@code memcluster flush_namespace}). */
    public boolean mayWrite(String namespace) {
        refreshIfReloaded();
        return unrestricted || (user != null && user.canWrite(namespace));
    }

    private boolean sameAsLast(byte[] key, int length) {
        if (length != lastLength) {
            return false;
        }
        for (int i = 0; i < length; i++) {
            if (key[i] != lastName[i]) {
                return false;
            }
        }
        return true;
    }

    private void refreshIfReloaded() {
        if (directory == null || username == null) {
            return;
        }
        long now = directory.generation();
        if (now != generation) {
            generation = now;
            User reloaded = directory.find(username).orElse(null);
            if (reloaded == null) {
                // Removed while connected: keep the name for logs, allow nothing.
                decideFor(null);
            } else {
                decideFor(reloaded);
            }
        }
    }

    private void decideFor(User next) {
        user = next;
        admin = next != null && next.isAdmin();
        unrestricted = admin;
        defaultRead = next != null && next.canRead(Namespaces.DEFAULT);
        defaultWrite = next != null && next.canWrite(Namespaces.DEFAULT);
        lastLength = 0;
    }
}
