package io.memcluster.client.session;

import io.memcluster.client.connection.Replies;
import io.memcluster.protocol.ErrorKind;
import io.memcluster.protocol.Reply;

/**
 * A reply that says no, as one sentence and an exit code. The node's
 * {@code CLIENT_ERROR permission denied} does not say what was denied; the client knows what it
 * asked, so it says "cannot write namespace orders".
 */
final class ServerRefusal extends RuntimeException {

    private final int exit;

    ServerRefusal(int exit, String message) {
        super(message, null, false, false);
        this.exit = exit;
    }

    int exit() {
        return exit;
    }

    /**
     * @param access    what the statement needed: "read" or "write"
     * @param namespace the namespace it needed it in
     */
    static ServerRefusal of(Reply reply, String access, String namespace) {
        if (reply instanceof Reply.Error error) {
            String message = error.message();
            if (error.kind() == ErrorKind.CLIENT_ERROR && message.startsWith("permission denied")) {
                return new ServerRefusal(ExitCodes.CONNECTION,
                        "permission denied: cannot " + access + " namespace " + namespace);
            }
            if (error.kind() == ErrorKind.CLIENT_ERROR && message.startsWith("unauthenticated")) {
                return new ServerRefusal(ExitCodes.CONNECTION,
                        "not logged in: the server requires a login (give --username)");
            }
            if (error.kind() == ErrorKind.CLIENT_ERROR && message.contains("non-numeric")) {
                return new ServerRefusal(ExitCodes.NOT_DONE, "the value is not a decimal number");
            }
            if (error.kind() == ErrorKind.SERVER_ERROR) {
                return new ServerRefusal(ExitCodes.NOT_DONE, "server error: " + message);
            }
            if (error.kind() == ErrorKind.ERROR) {
                return new ServerRefusal(ExitCodes.NOT_DONE, "the server does not know this command"
                        + (message.isEmpty() ? "" : " (" + message + ")"));
            }
            return new ServerRefusal(ExitCodes.NOT_DONE, "refused: " + message);
        }
        return new ServerRefusal(ExitCodes.NOT_DONE, "unexpected reply: " + Replies.describe(reply));
    }
}
