package io.memcluster.client.connection;

/**
 * The server refused the login: a wrong username or password (memcached's
 * {@code CLIENT_ERROR authentication failure}), or a login it does not accept on this
 * connection (the node's explanation follows that text).
 */
public final class LoginRefusedException extends ConnectionException {

    public LoginRefusedException(String message) {
        super(message);
    }
}
