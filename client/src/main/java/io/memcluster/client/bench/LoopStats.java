package io.memcluster.client.bench;

import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLongArray;
import org.HdrHistogram.Histogram;
import org.HdrHistogram.SingleWriterRecorder;

/**
 * What the connections of one event-loop thread counted during one phase. Only that thread
 * writes, so a single-writer recorder and plain increments published with {@code lazySet} are
 * enough, and nothing is shared between threads on the hot path; the reporting thread reads
 * intervals from here and merges them.
 */
final class LoopStats {

    /** Latencies are recorded in nanoseconds up to this; a slower reply counts as this. */
    static final long HIGHEST_NANOS = TimeUnit.MINUTES.toNanos(1);
    static final int SIGNIFICANT_DIGITS = 3;

    private static final int HITS = 0;
    private static final int MISSES = 1;
    private static final int GET_ERRORS = 2;
    private static final int STORED = 3;
    private static final int SET_ERRORS = 4;

    private final SingleWriterRecorder latency = new SingleWriterRecorder(1, HIGHEST_NANOS, SIGNIFICANT_DIGITS);
    private final AtomicLongArray counts = new AtomicLongArray(5);
    /** Handed back to the recorder each time, so that reading intervals allocates nothing either. */
    private Histogram interval;

    /**
     * Records one reply, on the owning event loop; returns whether it was the answer the request
     * expects (anything else counts as an error).
     */
    boolean record(Request request, Reply reply, long nanos) {
        latency.recordValue(Math.max(1, Math.min(nanos, HIGHEST_NANOS)));
        int slot;
        if (request == Request.GET) {
            slot = reply == Reply.HIT ? HITS : reply == Reply.MISS ? MISSES : GET_ERRORS;
        } else {
            slot = reply == Reply.STORED ? STORED : SET_ERRORS;
        }
        counts.lazySet(slot, counts.get(slot) + 1);
        return slot != GET_ERRORS && slot != SET_ERRORS;
    }

    /** The counts so far; from any thread. */
    Counts counts() {
        return new Counts(counts.get(HITS), counts.get(MISSES), counts.get(GET_ERRORS), counts.get(STORED),
                counts.get(SET_ERRORS));
    }

    /** Adds the latencies recorded since the last call to {@code target}; one reading thread only. */
    void drainInto(Histogram target) {
        interval = latency.getIntervalHistogram(interval);
        target.add(interval);
    }
}
