package io.memcluster.client.connection;

/**
 * The server wants a password and there is none to give: no flag, no environment variable,
 * no terminal to ask on (or the user left the prompt). A usage problem, not a refusal.
 */
public final class PasswordUnavailableException extends ConnectionException {

    public PasswordUnavailableException(String message) {
        super(message);
    }
}
