package io.memcluster.auth;

/** A token that is not accepted; {@link #reason()} says why. The message never quotes the token. */
public final class InvalidTokenException extends Exception {

    private final AuthFailure reason;

    public InvalidTokenException(AuthFailure reason, String message) {
        super(message);
        this.reason = reason;
    }

    public AuthFailure reason() {
        return reason;
    }
}
