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
}
