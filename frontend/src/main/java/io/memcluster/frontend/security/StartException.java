package io.memcluster.frontend.security;

/** Why a node or coordinator cannot start, in one sentence for the operator; the process then exits. */
public final class StartException extends Exception {

    public StartException(String message) {
        super(message);
    }

    public StartException(String message, Throwable cause) {
        super(message, cause);
    }
}
