package io.memcluster.auth;

/**
 * A user as users.json keeps it: the identity and an Argon2id hash of its password (see
 * {@link PasswordHasher}). {@link #toString()} leaves the hash out, so logging one is safe.
 */
public record StoredUser(User user, String passwordHash) {

    public StoredUser {
        if (user == null || passwordHash == null) {
            throw new IllegalArgumentException("user and password hash are required");
        }
    }

    public String username() {
        return user.username();
    }

    @Override
    public String toString() {
        return "StoredUser[" + user + ", passwordHash=(hidden)]";
    }
}
