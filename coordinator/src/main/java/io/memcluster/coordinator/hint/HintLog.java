package io.memcluster.coordinator.hint;

import java.util.ArrayDeque;
import java.util.List;

/**
 * The hints of one node, oldest first, within a {@link HintBudget} shared with the other nodes'
 * logs and within an age. Over the bytes, the oldest hints of this log go first, and if that is
 * not enough the new one is not kept; older than the age, a hint is dropped when the log is next
 * touched. Either way the node is marked as needing a digest catch-up, since a write it missed is
 * then known only to its other replicas.
 *
 * <p>Every hint is kept, in order, even several for one key: the versions make all but the
 * newest harmless, and keeping them avoids an index per key on a path that runs while a node
 * is down. Thread-safe: the writes of every event loop add here, the replay takes from here.
 * The loss listener is called under this object's lock, so it must be quick (note the node,
 * schedule its catch-up).
 */
public final class HintLog {

    private final HintBudget budget;
    private final Runnable onLoss;
    private final long maxAgeMillis;
    private final ArrayDeque<Hint> hints = new ArrayDeque<>();
    private long bytes;
    private long replayed;
    private long droppedOverflow;
    private long droppedExpired;
    private long droppedRefused;
    private boolean lost;
    /** Whether any hint is kept: read without the lock on every read the router makes. */
    private volatile boolean pending;

    /** @param onLoss told when the node first needs a digest catch-up after being clear */
    HintLog(HintBudget budget, long maxAgeMillis, Runnable onLoss) {
        if (maxAgeMillis < 1) {
            throw new IllegalArgumentException("the hints' age limit must be positive, not " + maxAgeMillis + " ms");
        }
        this.budget = budget;
        this.maxAgeMillis = maxAgeMillis;
        this.onLoss = onLoss;
    }

    /**
     * Keeps a hint at the end, after dropping those too old and, if it does not fit the bytes,
     * this log's oldest.
     *
     * @return false when it was not kept (it alone is more than what is left of the bytes)
     */
    public synchronized boolean add(Hint hint, long nowMillis) {
        expire(nowMillis);
        while (!hints.isEmpty() && !budget.fits(hint.bytes())) {
            drop(hints.pollFirst());
            droppedOverflow++;
        }
        if (!budget.fits(hint.bytes())) {
            droppedOverflow++;
            markLost();
            return false;
        }
        hints.addLast(hint);
        bytes += hint.bytes();
        budget.add(hint.bytes());
        pending = true;
        return true;
    }

    /** The oldest hint that is not too old, removed; null when there is none. */
    public synchronized Hint poll(long nowMillis) {
        expire(nowMillis);
        Hint hint = hints.pollFirst();
        if (hint != null) {
            bytes -= hint.bytes();
            budget.release(hint.bytes());
        }
        pending = !hints.isEmpty();
        return hint;
    }

    /**
     * Hints taken by {@link #poll} that the node did not acknowledge, in the order they were
     * taken: back at the front, so the next replay sends them first, as if never taken.
     */
    public synchronized void putBack(List<Hint> unacknowledged) {
        for (int i = unacknowledged.size() - 1; i >= 0; i--) {
            Hint hint = unacknowledged.get(i);
            hints.addFirst(hint);
            bytes += hint.bytes();
            budget.add(hint.bytes());
        }
        // hints added meanwhile may have used the room these had: the oldest go, as always
        while (!hints.isEmpty() && budget.used() > budget.limit()) {
            drop(hints.pollFirst());
            droppedOverflow++;
        }
        pending = !hints.isEmpty();
    }

    /** Drops the hints older than the age limit; also what {@link #add} and {@link #poll} do first. */
    public synchronized void expire(long nowMillis) {
        long oldest = nowMillis - maxAgeMillis;
        while (!hints.isEmpty() && hints.peekFirst().createdMillis() < oldest) {
            drop(hints.pollFirst());
            droppedExpired++;
        }
        pending = !hints.isEmpty();
    }

    /** A hint the node acknowledged. */
    public synchronized void replayed() {
        replayed++;
    }

    /** A hint the node refused for good ({@code CLIENT_ERROR}): sending it again would not help. */
    public synchronized void refused() {
        droppedRefused++;
        markLost();
    }

    /** A write the node missed that was not kept (hints are off): only a digest catch-up can bring it. */
    public synchronized void lost() {
        markLost();
    }

    /** Whether a write this node missed was lost since the last {@link #clearDigestCatchUp}. */
    public synchronized boolean needsDigestCatchUp() {
        return lost;
    }

    /** The node's catch-up from digests is done: what it missed until now is there. */
    public synchronized void clearDigestCatchUp() {
        lost = false;
    }

    public synchronized boolean isEmpty() {
        return hints.isEmpty();
    }

    /** Whether any hint is kept, without taking the lock: for the router's every read. */
    public boolean pending() {
        return pending;
    }

    /** What the counters say now. */
    public synchronized Counts counts() {
        return new Counts(hints.size(), bytes, replayed, droppedOverflow, droppedExpired, droppedRefused);
    }

    private void drop(Hint hint) {
        bytes -= hint.bytes();
        budget.release(hint.bytes());
        markLost();
    }

    private void markLost() {
        if (!lost) {
            lost = true;
            onLoss.run();
        }
    }

    /** A log's counters, or their sum over the logs. */
    public record Counts(long queued, long bytes, long replayed, long droppedOverflow, long droppedExpired,
            long droppedRefused) {

        public static final Counts ZERO = new Counts(0, 0, 0, 0, 0, 0);

        public Counts plus(Counts other) {
            return new Counts(queued + other.queued, bytes + other.bytes, replayed + other.replayed,
                    droppedOverflow + other.droppedOverflow, droppedExpired + other.droppedExpired,
                    droppedRefused + other.droppedRefused);
        }
    }
}
