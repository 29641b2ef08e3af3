package io.memcluster.frontend.request;

import io.netty.buffer.ByteBuf;

/**
 * Where the reply to one command goes, in its place among the connection's replies: what is
 * written here reaches the client after every earlier reply and before every later one, however
 * the slots complete. Confined to the connection's event loop; an executor that finishes
 * elsewhere hops there first ({@link ClientConnection#channel()}{@code .eventLoop()}).
 */
public interface ReplySlot {

    /** The buffer to write this reply into; valid until {@link #complete()}. */
    ByteBuf out();

    /** The reply is whole: it (and any completed replies after it) can go out. */
    void complete();

    /**
     * The commands after this one wait until it completes: for a change they must see (a user
     * added, then listed). Reading from the client pauses meanwhile, as under backpressure.
     */
    void holdFollowing();

    /**
     * Makes this slot's reply a {@link ReplyStream}, written in parts as the client takes them,
     * for a reply too large to build whole. What was written to {@link #out()} before goes first;
     * after this call {@link #out()} and {@link #complete()} are the stream's business
     * ({@link ReplyStream#end()} completes the slot). The commands after it wait until it ends,
     * as with {@link #holdFollowing()}. The producer is asked for the first parts once every
     * earlier reply is out; if the connection has closed already, it is told
     * {@link ReplyStream.Producer#abandoned()} instead.
     */
    void stream(ReplyStream.Producer producer);
}
