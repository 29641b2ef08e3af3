package io.memcluster.auth;

import java.util.Optional;
import java.util.function.Supplier;

/**
 * Decides who a username and secret belong to. The secret is a password, or {@code jwt:<token>}
 * for a token minted by {@link TokenIssuer} (which is why no password may start with
 * {@code jwt:}). A token is accepted only for the username it names
 * and only while that user still exists: not for a later user of the same name, nor after a
 * password change (see {@link StoredUser#tokenId()}).
 *
 * <p>A password check costs one Argon2id computation (tens of milliseconds and
 * {@link PasswordHasher#MEMORY_KIB} KiB), so callers run it off the I/O threads, on a small
 * bounded pool, after asking {@link LoginThrottle} whether the address may try.
 */
public final class Authenticator {

    /** The prefix that marks a secret as a token rather than a password. */
    public static final String TOKEN_PREFIX = "jwt:";

    private final Supplier<Users> users;
    private final Optional<TokenVerifier> tokens;
    private final PasswordHasher hasher;
    // Checked against when the user is unknown, so that a missing user takes as long to refuse
    // as a wrong password and response times do not reveal which usernames exist.
    private final String decoyHash;

    /**
     * @param users  the current users, asked at each attempt so that changes apply at once
     * @param tokens empty when no token secret is configured: every token is then refused
     */
    public Authenticator(Supplier<Users> users, Optional<TokenVerifier> tokens) {
        this(users, tokens, new PasswordHasher());
    }

    Authenticator(Supplier<Users> users, Optional<TokenVerifier> tokens, PasswordHasher hasher) {
        this.users = users;
        this.tokens = tokens;
        this.hasher = hasher;
        this.decoyHash = hasher.hash("decoy, never a match that counts");
    }

    public AuthResult authenticate(String username, String secret) {
        if (secret.startsWith(TOKEN_PREFIX)) {
            return authenticateToken(username, secret.substring(TOKEN_PREFIX.length()));
        }
        Optional<StoredUser> user = users.get().find(username);
        if (user.isEmpty()) {
            hasher.verify(secret, decoyHash);
            return new AuthResult.Failure(AuthFailure.UNKNOWN_USER);
        }
        if (!hasher.verify(secret, user.get().passwordHash())) {
            return new AuthResult.Failure(AuthFailure.WRONG_PASSWORD);
        }
        return new AuthResult.Success(user.get().user());
    }

    private AuthResult authenticateToken(String username, String token) {
        if (tokens.isEmpty()) {
            return new AuthResult.Failure(AuthFailure.TOKENS_DISABLED);
        }
        TokenVerifier.VerifiedToken verified;
        try {
            verified = tokens.get().verify(token);
        } catch (InvalidTokenException e) {
            return new AuthResult.Failure(e.reason());
        }
        if (!verified.username().equals(username)) {
            return new AuthResult.Failure(AuthFailure.TOKEN_FOR_ANOTHER_USER);
        }
        // Re-read: a token outlives nothing, so removing a user revokes its tokens, and the id
        // keeps them revoked when a user of the same name is added again.
        Optional<StoredUser> user = users.get().find(username);
        if (user.isEmpty()) {
            return new AuthResult.Failure(AuthFailure.UNKNOWN_USER);
        }
        if (!user.get().tokenId().equals(verified.userId())) {
            return new AuthResult.Failure(AuthFailure.TOKEN_REVOKED);
        }
        return new AuthResult.Success(user.get().user());
    }
}
