package io.memcluster.client.statement;

/**
 * The user typed something the client cannot run: an unknown command, a missing or extra
 * word, an invalid key or namespace. The message says what, and how it would be right.
 */
public final class UsageException extends RuntimeException {

    public UsageException(String message) {
        super(message);
    }
}
