package io.memcluster.frontend.request;

import io.memcluster.protocol.Command;

/**
 * The seam between the front end and what answers the commands: a node's store, or a
 * coordinator's router. The front end decodes, logs in, checks permissions and keeps replies in
 * request order; an executor only runs one permitted command and fills its reply slot, at once
 * (the node) or later (the coordinator, when the replicas answer).
 *
 * <p>Called on the connection's event loop, one command at a time, in request order. Never
 * given {@code quit} or a {@link Command.Close}: the front end closes the connection itself
 * once the replies due before it are written. A multi-key retrieval arrives with only the keys
 * the client may read.
 */
public interface CommandExecutor {

    /** Runs {@code command} and writes its reply into {@code slot}, then completes the slot. */
    void execute(Command command, ReplySlot slot);

    /** The connection closed; slots still open may be completed or dropped. */
    default void closed() {
    }

    /** One executor per connection, so that an executor may keep per-connection scratch state. */
    @FunctionalInterface
    interface Factory {
        CommandExecutor open(ClientConnection connection);
    }
}
