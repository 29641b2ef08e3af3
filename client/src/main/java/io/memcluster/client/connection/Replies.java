package io.memcluster.client.connection;

import io.memcluster.protocol.Reply;

/** Replies as a user reads them in a message: the line the server sent, roughly. */
public final class Replies {

    private Replies() {
    }

    public static String describe(Reply reply) {
        if (reply instanceof Reply.Error error) {
            return error.line();
        } else if (reply instanceof Reply.Status status) {
            return status.status().name();
        } else if (reply instanceof Reply.Number number) {
            return Long.toUnsignedString(number.value());
        } else if (reply instanceof Reply.Version version) {
            return "VERSION " + version.version();
        } else if (reply instanceof Reply.Other other) {
            return other.line();
        } else if (reply instanceof Reply.Meta meta) {
            return meta.status() + (meta.flags().isEmpty() ? "" : " " + String.join(" ", meta.flags()));
        } else if (reply instanceof Reply.End) {
            return "END";
        }
        return reply.getClass().getSimpleName();
    }
}
