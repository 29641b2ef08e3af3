package io.memcluster.client.session;

/**
 * The client's exit codes, for scripts. A run of several statements (stdin) exits with the
 * highest code any of them had.
 */
public final class ExitCodes {

    /** Done. */
    public static final int OK = 0;
    /** The server did not do it: not found, not stored, not a number, refused for another reason. */
    public static final int NOT_DONE = 1;
    /** The client did not understand: unknown command, missing or extra words, bad key or namespace. */
    public static final int USAGE = 2;
    /** No connection, TLS or login failure, permission denied. */
    public static final int CONNECTION = 3;

    private ExitCodes() {
    }
}
