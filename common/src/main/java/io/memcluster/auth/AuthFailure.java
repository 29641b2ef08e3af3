package io.memcluster.auth;

/**
 * Why an authentication failed. For logs and tests only: a client is told the same thing
 * whatever the reason, so that it cannot learn which usernames exist.
 */
public enum AuthFailure {
    UNKNOWN_USER,
    WRONG_PASSWORD,
    /** The secret began with {@code jwt:} but tokens are not configured. */
    TOKENS_DISABLED,
    MALFORMED_TOKEN,
    BAD_TOKEN_SIGNATURE,
    TOKEN_EXPIRED,
    /** A token whose {@code nbf} (not before) lies in the future. */
    TOKEN_NOT_YET_VALID,
    /** A valid token minted for another username than the one given. */
    TOKEN_FOR_ANOTHER_USER,
    /**
     * A valid token minted for an earlier user of that name (removed, then added again) or
     * before the user's password changed.
     */
    TOKEN_REVOKED
}
