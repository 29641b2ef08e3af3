package io.memcluster.coordinator.route;

import io.memcluster.frontend.request.ReplySlot;

/**
 * How many reads one client connection may have at the nodes at once, so that what their
 * replies hold stays near {@link #BYTES}: a client pipelining 4,000 {@code mg <key> v} for a
 * 1 MiB value in one packet would otherwise have 4 GB come back to the coordinator, since the
 * replies come back only after the whole packet was read and sent on. A node needs no such bound:
 * it answers each command before reading the next, and stops reading while its replies pile up.
 *
 * <p>The limit follows the largest value this connection has read: {@link #BYTES} over it (at
 * least {@link #MIN_READS}), and {@link #BEFORE_ANY_REPLY} until a first read has completed.
 * Beyond it, a read holds the commands after it until it completes ({@link ReplySlot#holdFollowing}),
 * as reading pauses under backpressure. A read that streams its reply counts no longer: a stream
 * pauses reading itself. Confined to the connection's event loop.
 */
final class ReadBudget {

    /** What the values of one connection's outstanding reads are kept near. */
    static final int BYTES = 1 << 20;
    /** Reads at once before the size of a value is known. */
    static final int BEFORE_ANY_REPLY = 4;
    /** Reads at once however large the values. */
    static final int MIN_READS = 1;
    /** Smallest value size the limit is computed from: small values allow {@code BYTES / SMALLEST} reads. */
    private static final int SMALLEST = 4096;

    private int outstanding;
    private boolean replied;
    private int largestValue;

    /** A read of one key begins: see {@link #begin(ReplySlot, int)}. */
    ReplySlot begin(ReplySlot slot) {
        return begin(slot, 1);
    }

    /**
     * A read of {@code keys} keys begins (a multi-get counts the keys it reads at once, at most
     * {@link MultiGet#MAX_IN_FLIGHT}): its slot, counted until it completes, and holding what
     * follows when the connection's reads are past the limit.
     */
    ReplySlot begin(ReplySlot slot, int keys) {
        int units = Math.max(1, Math.min(keys, MultiGet.MAX_IN_FLIGHT));
        outstanding += units;
        Counted counted = new Counted(slot, units);
        if (outstanding > limit()) {
            slot.holdFollowing();
        }
        return counted;
    }

    /** A value of {@code length} bytes came back. */
    void sawValue(int length) {
        if (length > largestValue) {
            largestValue = length;
        }
    }

    int limit() {
        if (!replied) {
            return BEFORE_ANY_REPLY;
        }
        return Math.max(MIN_READS, BYTES / Math.max(SMALLEST, largestValue));
    }

    private void ended(int units) {
        outstanding -= units;
        replied = true;
    }

    /** The slot of a counted read. */
    private final class Counted extends CountedSlot {
        private final int units;

        Counted(ReplySlot slot, int units) {
            super(slot);
            this.units = units;
        }

        @Override
        protected void uncount() {
            ended(units);
        }
    }
}
