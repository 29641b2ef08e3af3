package io.memcluster.frontend.request;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;

/**
 * A reply too large to build whole (a metadump of every key), written to the client in parts as
 * the client takes them, in its place among the connection's replies (see
 * {@link ReplySlot#stream}).
 *
 * <p>The pace is the client's: at most {@link #MAX_UNWRITTEN} parts are handed to the channel
 * and not yet taken by the socket, and the producer is asked for more only when one of them has
 * been. So what a reply holds in memory is a couple of parts, whatever the client does; a client
 * that never reads holds that much beyond the socket buffers, for as long as it stays connected.
 *
 * <p>Confined to the connection's event loop, as the slot it came from.
 */
public interface ReplyStream {

    /** Parts written and not yet taken by the socket beyond which {@link #ready()} is false. */
    int MAX_UNWRITTEN = 2;

    /** Whether a part may be written now: the stream has begun, and the socket has taken enough of it. */
    boolean ready();

    /** Where to allocate parts: the connection's allocator. */
    ByteBufAllocator alloc();

    /**
     * Writes the next part of the reply and flushes it; the stream owns {@code part} from here
     * (an empty part is released). Only while {@link #ready()}.
     *
     * @throws IllegalStateException when the stream has not begun, has ended or was abandoned
     */
    void write(ByteBuf part);

    /**
     * Asks for {@link Producer#more} again in a later turn of the event loop, for a producer that
     * has worked long enough for now (so that other connections on the loop get their turn) but
     * has nothing to write yet.
     */
    void continueLater();

    /** The reply is whole (its last part written): the commands after it go on. */
    void end();

    /** What writes a streamed reply; called on the connection's event loop, never re-entrantly. */
    interface Producer {

        /**
         * The stream can take more: write parts while {@link ReplyStream#ready()}, and
         * {@link ReplyStream#end()} it when done. Called when the stream begins (once every
         * earlier reply is out) and whenever the socket has taken a part.
         */
        void more(ReplyStream stream);

        /**
         * The connection closed before the reply was whole: release what the reply holds. Called
         * at most once, never after {@link ReplyStream#end()}; the stream must not be used after it.
         */
        void abandoned();
    }
}
