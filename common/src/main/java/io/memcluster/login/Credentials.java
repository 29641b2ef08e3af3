package io.memcluster.login;

import java.nio.charset.StandardCharsets;

/**
 * The data of a login {@code set}: {@code <username> <secret>}, split at the first space, so a
 * password may contain spaces (a username cannot). {@link #toString()} hides the secret.
 */
record Credentials(String username, String secret) {

    /** @return null when the data is not two non-empty parts */
    static Credentials parse(byte[] data) {
        String text = new String(data, StandardCharsets.UTF_8);
        int space = text.indexOf(' ');
        if (space <= 0 || space == text.length() - 1) {
            return null;
        }
        return new Credentials(text.substring(0, space), text.substring(space + 1));
    }

    @Override
    public String toString() {
        return "Credentials[" + username + ", (hidden)]";
    }
}
