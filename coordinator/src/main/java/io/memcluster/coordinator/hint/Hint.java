package io.memcluster.coordinator.hint;

import io.memcluster.protocol.Command;

/**
 * One write a replica missed, as it would have received it.
 *
 * @param command       a versioned {@code ms} or {@code md} ({@code E<version> V})
 * @param bytes         what it holds on the heap, roughly: key, value and a fixed overhead
 * @param createdMillis when it was missed (wall clock), for {@code cluster.hints.max_age}
 * @param refusals      how many replays the node answered {@code SERVER_ERROR}
 */
public record Hint(Command command, int bytes, long createdMillis, int refusals) {

    /**
     * Replays answered {@code SERVER_ERROR} after which a hint is given up: out of memory passes,
     * an item too large for this node (a smaller {@code max_item_size} than its peers) does not,
     * and must not hold the hints behind it for hours.
     */
    static final int MAX_REFUSALS = 3;

    /** The objects around a hint's key and value: the record, the command, its flags, the deque slot. */
    static final int OVERHEAD = 96;

    /** The flag that makes a node apply a write only if it is newer: what makes a replay harmless. */
    private static final char VERSIONED = 'V';

    /**
     * The hint for a missed command, or null when the command is not one a replay may repeat:
     * only a versioned set or delete is (a touch, an add or an incr decided on one replica is not).
     */
    public static Hint of(Command command, long nowMillis) {
        if (command instanceof Command.MetaSet set && set.flags().has(VERSIONED) && set.flags().has('E')) {
            return new Hint(command, set.key().length + set.data().length + OVERHEAD, nowMillis, 0);
        }
        if (command instanceof Command.MetaDelete delete && delete.flags().has(VERSIONED)
                && delete.flags().has('E')) {
            return new Hint(command, delete.key().length + OVERHEAD, nowMillis, 0);
        }
        return null;
    }

    /** This hint after one more {@code SERVER_ERROR}. */
    Hint refusedOnce() {
        return new Hint(command, bytes, createdMillis, refusals + 1);
    }

    /** The version the write carries ({@code E}). */
    public long version() {
        return command instanceof Command.MetaSet set ? set.flags().newCas()
                : ((Command.MetaDelete) command).flags().newCas();
    }
}
