package io.memcluster.client.connection;

import io.memcluster.auth.Usernames;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * A username and, once asked for, its password, for the login step. The password is asked for
 * only when a server wants a login, and kept (as characters, wiped on {@link #close()}) because
 * a lost connection logs in again. {@link #toString()} never shows it.
 */
public final class Credentials implements AutoCloseable {

    /** Where the password comes from: a flag, the environment, a masked prompt. */
    @FunctionalInterface
    public interface PasswordSource {
        /** @throws PasswordUnavailableException when there is no way to get one */
        char[] password();
    }

    private final String username;
    private final PasswordSource source;
    private char[] password;

    /** @throws IllegalArgumentException if the username cannot log in (it holds a space, ...) */
    public Credentials(String username, PasswordSource source) {
        Usernames.requireValid(username);
        this.username = username;
        this.source = source;
    }

    public String username() {
        return username;
    }

    /**
     * The login set's data block, {@code <username> <password>} in UTF-8. The caller wipes it
     * after writing (the encoder copies it into the outgoing buffer).
     */
    byte[] loginData() {
        if (password == null) {
            password = source.password();
        }
        ByteBuffer user = StandardCharsets.UTF_8.encode(username + " ");
        ByteBuffer secret = StandardCharsets.UTF_8.encode(CharBuffer.wrap(password));
        byte[] data = new byte[user.remaining() + secret.remaining()];
        int userLength = user.remaining();
        user.get(data, 0, userLength);
        secret.get(data, userLength, secret.remaining());
        Arrays.fill(secret.array(), (byte) 0);
        return data;
    }

    /** Forgets the password, so that the next login asks again (after a refused one). */
    void forgetPassword() {
        if (password != null) {
            Arrays.fill(password, '\0');
            password = null;
        }
    }

    @Override
    public void close() {
        forgetPassword();
    }

    @Override
    public String toString() {
        return "Credentials[" + username + "]";
    }
}
