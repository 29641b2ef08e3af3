package io.memcluster.certs;

import java.util.regex.Pattern;

/**
 * The user a client certificate stands for, carried as its subject's CN. Restricted to
 * characters that are safe both in a distinguished name and in a file name
 * ({@code client-<user>.crt}), so no escaping is ever needed on either side.
 *
 * @param value 1-64 letters, digits, {@code _}, {@code -} or {@code .}
 */
public record UserName(String value) {

    private static final Pattern VALID = Pattern.compile("[A-Za-z0-9_.-]{1,64}");

    /** The coordinator's own identity towards the nodes. */
    public static final UserName COORDINATOR = new UserName("coordinator");

    public UserName {
        if (value == null || !VALID.matcher(value).matches()) {
            throw new IllegalArgumentException("user name must be 1-64 letters, digits, '_', '-'"
                    + " or '.': got '" + value + "'");
        }
    }

    @Override
    public String toString() {
        return value;
    }
}
