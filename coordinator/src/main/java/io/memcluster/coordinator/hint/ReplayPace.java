package io.memcluster.coordinator.hint;

/**
 * How fast hints are replayed to a node: at most {@code maxInFlight} of them waiting for replies
 * on its link at once (the link allows thousands, so client requests keep their room), and a
 * byte rate, so that a node returning after an hour is not sent an hour of writes in a second.
 * The rate is a bucket of bytes refilled as time passes, at most a tenth of a second's worth
 * ahead; a hint larger than what is in it still goes, and the bucket owes the rest.
 * Confined to the replay's event loop.
 */
public final class ReplayPace {

    /** A few dozen in flight hide a LAN's round trip; 16 MB/s is a fraction of what a node takes. */
    public static final ReplayPace DEFAULT = new ReplayPace(64, 16L << 20);

    private final int maxInFlight;
    private final long bytesPerSecond;
    private final long burst;
    private long available;
    private long lastNanos;
    private boolean started;

    public ReplayPace(int maxInFlight, long bytesPerSecond) {
        if (maxInFlight < 1) {
            throw new IllegalArgumentException("at least one hint must be allowed in flight, not " + maxInFlight);
        }
        if (bytesPerSecond < 1) {
            throw new IllegalArgumentException("the replay rate must be positive, not " + bytesPerSecond + " B/s");
        }
        this.maxInFlight = maxInFlight;
        this.bytesPerSecond = bytesPerSecond;
        this.burst = Math.max(1, bytesPerSecond / 10);
    }

    /** The same limits with a fresh bucket: one per replay lane. */
    ReplayPace copy() {
        return new ReplayPace(maxInFlight, bytesPerSecond);
    }

    public int maxInFlight() {
        return maxInFlight;
    }

    public long bytesPerSecond() {
        return bytesPerSecond;
    }

    /** Whether a hint may go now. */
    boolean ready(long nowNanos) {
        refill(nowNanos);
        return available > 0;
    }

    /** A hint of {@code bytes} went. */
    void spend(long bytes) {
        available -= bytes;
    }

    /** How long until {@link #ready} can be true again; at least a millisecond. */
    long nanosUntilReady(long nowNanos) {
        refill(nowNanos);
        if (available > 0) {
            return 0;
        }
        long owed = 1 - available;
        return Math.max(1_000_000L, (long) (owed * 1e9 / bytesPerSecond));
    }

    private void refill(long nowNanos) {
        if (!started) {
            started = true;
            lastNanos = nowNanos;
            available = burst;
            return;
        }
        long elapsed = nowNanos - lastNanos;
        if (elapsed <= 0) {
            return;
        }
        long earned = (long) (elapsed / 1e9 * bytesPerSecond);
        if (earned > 0) {
            available = Math.min(burst, available + earned);
            lastNanos = nowNanos;
        }
    }
}
