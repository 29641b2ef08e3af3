package io.memcluster.auth;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Arrays;
import java.util.Base64;

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

    /**
     * What a token minted for this user carries besides the name, so that it dies with the
     * user: a user removed and added again under the same name, or given a new password, has a
     * new hash with a fresh random salt, hence a new id, and the tokens of before are refused.
     * Derived from the hash rather than stored, so users.json needs no new field; it reveals
     * nothing usable about the password, whose salt it does not contain.
     */
    public String tokenId() {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(passwordHash.getBytes(StandardCharsets.UTF_8));
            return Base64.getUrlEncoder().withoutPadding().encodeToString(Arrays.copyOf(digest, 12));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java platform has SHA-256", e);
        }
    }

    @Override
    public String toString() {
        return "StoredUser[" + user + ", passwordHash=(hidden)]";
    }
}
