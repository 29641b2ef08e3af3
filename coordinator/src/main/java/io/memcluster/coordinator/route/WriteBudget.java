package io.memcluster.coordinator.route;

import io.memcluster.frontend.request.ReplySlot;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The values of the writes a coordinator has at its nodes, over all its client connections, kept
 * near a limit: each write holds its value on the heap until every replica has answered, so 32
 * clients pipelining 1 MB sets to slow nodes (thousands each: a connection may have 4,096
 * replies outstanding) ran a 128 MB heap out in seconds. A write that takes the total past the
 * limit holds the commands after it on its connection ({@link ReplySlot#holdFollowing}) until it
 * completes, as reading pauses under backpressure: the total passes the limit by at most one
 * write per connection. Shared by the event loops.
 */
final class WriteBudget {

    /** The limit when the configuration gives none: half the default connection buffers. */
    static final long DEFAULT_BYTES = 32L << 20;

    private final AtomicLong used = new AtomicLong();
    private final long limit;

    WriteBudget(long limit) {
        this.limit = limit;
    }

    /** A write of {@code bytes} begins: its slot, counted until it completes. */
    ReplySlot begin(ReplySlot slot, int bytes) {
        if (used.addAndGet(bytes) > limit) {
            slot.holdFollowing();
        }
        return new Counted(slot, bytes);
    }

    long used() {
        return used.get();
    }

    /** The slot of a counted write. */
    private final class Counted extends CountedSlot {
        private final int bytes;

        Counted(ReplySlot slot, int bytes) {
            super(slot);
            this.bytes = bytes;
        }

        @Override
        protected void uncount() {
            used.addAndGet(-bytes);
        }
    }
}
