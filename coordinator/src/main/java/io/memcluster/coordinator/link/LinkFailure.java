package io.memcluster.coordinator.link;

import io.netty.handler.codec.DecoderException;
import java.util.Locale;
import java.util.Objects;
import javax.net.ssl.SSLException;

/**
 * Why a request got no reply. The message never contains a key or a value, so it may be logged
 * and shown to clients. No stack trace is filled in: one failure may be made for each of
 * thousands of requests in flight, and where it was made says nothing new.
 */
public final class LinkFailure extends Exception {

    private static final long serialVersionUID = 1L;

    public enum Kind {
        /** The link has no connection (never made, lost and not yet back, or the node is down). */
        NOT_CONNECTED,
        /** The connection closed before the reply was complete. */
        CONNECTION_LOST,
        /** The oldest request in flight passed its deadline; the connection was closed. */
        TIMEOUT,
        /** The link already had as many requests in flight as it allows. */
        QUEUE_FULL,
        /** The node sent something that is not the protocol; the connection was closed. */
        PROTOCOL;

        /** {@code "connection lost"}: as reasons and logs say it. */
        public String words() {
            return name().toLowerCase(Locale.ROOT).replace('_', ' ');
        }
    }

    private final Kind kind;
    private final transient NodeAddress node;
    private final String detail;

    /** @param detail what happened, without keys or values */
    public LinkFailure(Kind kind, NodeAddress node, String detail) {
        super(Objects.requireNonNull(node, "node") + ": " + Objects.requireNonNull(kind, "kind").words() + ": "
                + detail, null, false, false);
        this.kind = kind;
        this.node = node;
        this.detail = detail;
    }

    public Kind kind() {
        return kind;
    }

    public NodeAddress node() {
        return node;
    }

    /** What happened, without the node and the kind the message starts with. */
    public String detail() {
        return detail;
    }

    /**
     * A Netty or socket exception as a short phrase for a reason: the decoder wrappers removed,
     * TLS problems named as such. Socket and TLS messages carry addresses, never keys.
     */
    static String describe(Throwable cause) {
        Throwable c = cause;
        while (c instanceof DecoderException && c.getCause() != null) {
            c = c.getCause();
        }
        String message = c.getMessage() == null ? c.getClass().getSimpleName() : c.getMessage();
        return c instanceof SSLException ? "TLS: " + message : message;
    }
}
