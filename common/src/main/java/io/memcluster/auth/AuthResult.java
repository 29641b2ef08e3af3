package io.memcluster.auth;

/** The outcome of {@link Authenticator#authenticate}. */
public sealed interface AuthResult {

    record Success(User user) implements AuthResult {
    }

    record Failure(AuthFailure reason) implements AuthResult {
    }

    default boolean succeeded() {
        return this instanceof Success;
    }
}
