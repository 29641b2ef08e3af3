package io.memcluster.auth;

/**
 * What a username may be. Memcached's text-protocol login sends {@code <user> <password>} in one
 * value split at the first space, so a username cannot contain whitespace; control characters
 * would garble listings and logs.
 */
public final class Usernames {

    public static final int MAX_LENGTH = 64;

    /** What to tell an operator who wrote something else. */
    public static final String VALID_FORM =
            "1-64 characters without spaces or control characters";

    private Usernames() {
    }

    public static boolean isValid(String username) {
        if (username.isEmpty() || username.length() > MAX_LENGTH) {
            return false;
        }
        return username.codePoints()
                .noneMatch(c -> Character.isWhitespace(c) || Character.isISOControl(c)
                        || Character.isSpaceChar(c));
    }

    /** @throws IllegalArgumentException naming the username and the valid form */
    public static void requireValid(String username) {
        if (username == null || !isValid(username)) {
            throw new IllegalArgumentException(
                    "invalid username '" + username + "' (expected " + VALID_FORM + ")");
        }
    }
}
