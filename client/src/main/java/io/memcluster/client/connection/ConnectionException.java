package io.memcluster.client.connection;

/**
 * The connection failed or is gone: could not connect, the TLS handshake failed, the server
 * closed it, no reply came in time, or the server's bytes made no sense. The message is one
 * line meant for the user; the connection is closed.
 */
public class ConnectionException extends RuntimeException {

    public ConnectionException(String message) {
        super(message);
    }

    public ConnectionException(String message, Throwable cause) {
        super(message, cause);
    }
}
