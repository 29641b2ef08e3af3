package io.memcluster.coordinator.route;

import io.memcluster.protocol.MetaStatus;
import io.memcluster.protocol.Reply;
import io.memcluster.protocol.ReplyEncoder;
import io.netty.buffer.ByteBuf;

/**
 * A node's meta reply as the classic command a client sent would have been answered: the
 * coordinator speaks meta to its nodes and memcached's classic protocol to clients that do.
 * An error line (out of memory, non-numeric) is passed on as the node wrote it.
 */
final class ClassicReplies {

    /** A client's E more than cluster.max_clock_skew ahead of the coordinator's clock. */
    static final String VERSION_TOO_FAR_AHEAD = "CLIENT_ERROR version too far ahead of the coordinator's clock";

    private ClassicReplies() {
    }

    /** set, add, replace, append, prepend, cas. */
    static void storage(Reply reply, ByteBuf out) {
        if (reply instanceof Reply.Meta meta) {
            out.writeBytes(switch (meta.status()) {
                case HD, VA -> ReplyEncoder.STORED;
                case NS -> ReplyEncoder.NOT_STORED;
                case EX -> ReplyEncoder.EXISTS;
                default -> ReplyEncoder.NOT_FOUND;
            });
        } else {
            ReplyEncoder.write(reply, out);
        }
    }

    static void deleted(boolean anyDeleted, ByteBuf out) {
        out.writeBytes(anyDeleted ? ReplyEncoder.DELETED : ReplyEncoder.NOT_FOUND);
    }

    static void touched(boolean anyTouched, ByteBuf out) {
        out.writeBytes(anyTouched ? ReplyEncoder.TOUCHED : ReplyEncoder.NOT_FOUND);
    }

    /** incr/decr: the number ma returned as its value, or NOT_FOUND, or the node's error. */
    static void arithmetic(Reply reply, ByteBuf out) {
        if (reply instanceof Reply.Meta meta && meta.status() == MetaStatus.VA) {
            out.writeBytes(meta.data());
            out.writeShort(ReplyEncoder.CRLF);
        } else if (reply instanceof Reply.Meta) {
            out.writeBytes(ReplyEncoder.NOT_FOUND);
        } else {
            ReplyEncoder.write(reply, out);
        }
    }

    /** One hit of a classic retrieval, from mg's {@code VA} with {@code f} (and {@code c}). */
    static void value(byte[] key, Reply.Meta hit, boolean withCas, ByteBuf out) {
        valueHeader(key, hit, withCas, out);
        out.writeBytes(hit.data());
        out.writeShort(ReplyEncoder.CRLF);
    }

    /** Its {@code VALUE} line alone, for a value sent without being copied. */
    static void valueHeader(byte[] key, Reply.Meta hit, boolean withCas, ByteBuf out) {
        int flags = (int) Long.parseUnsignedLong(hit.flag('f').orElse("0"));
        long cas = withCas ? NodeRequests.cas(hit) : 0;
        ReplyEncoder.valueHeader(out, key, 0, key.length, flags, hit.data().length, withCas, cas);
    }
}
