package io.memcluster.coordinator.route;

import java.util.concurrent.atomic.AtomicLong;

/**
 * One node's catch-up as {@code stats catchup}, {@code stats nodes} and the CLI show it: the run
 * under way (segments to compare and compared, keys listed, keys and deletes copied) and the last
 * one's outcome. Written by the catch-up thread, read by any.
 */
public final class CatchUpProgress {

    final AtomicLong segmentsTotal = new AtomicLong();
    final AtomicLong segmentsDone = new AtomicLong();
    final AtomicLong segmentsDiffering = new AtomicLong();
    final AtomicLong keysListed = new AtomicLong();
    final AtomicLong keysCopied = new AtomicLong();
    final AtomicLong deletesCopied = new AtomicLong();
    final AtomicLong copyFailures = new AtomicLong();
    final AtomicLong runs = new AtomicLong();
    final AtomicLong copiedTotal = new AtomicLong();
    volatile boolean running;
    volatile long startedMillis;
    volatile long lastMillis = -1;
    volatile String lastReason = "";
    volatile String lastOutcome = "never";

    void begin(String reason, long nowMillis) {
        segmentsTotal.set(0);
        segmentsDone.set(0);
        segmentsDiffering.set(0);
        keysListed.set(0);
        keysCopied.set(0);
        deletesCopied.set(0);
        copyFailures.set(0);
        lastReason = reason;
        startedMillis = nowMillis;
        running = true;
    }

    void end(String outcome, long nowMillis) {
        lastMillis = nowMillis - startedMillis;
        lastOutcome = outcome;
        runs.incrementAndGet();
        copiedTotal.addAndGet(keysCopied.get() + deletesCopied.get());
        running = false;
    }

    public boolean running() {
        return running;
    }

    /** Percent of the segments compared, 0-100; 0 before the digests are in. */
    public int percent() {
        long total = segmentsTotal.get();
        return total == 0 ? 0 : (int) Math.min(100, segmentsDone.get() * 100 / total);
    }

    public long segmentsTotal() {
        return segmentsTotal.get();
    }

    public long segmentsDone() {
        return segmentsDone.get();
    }

    public long keysCopied() {
        return keysCopied.get();
    }

    public long deletesCopied() {
        return deletesCopied.get();
    }

    public long keysListed() {
        return keysListed.get();
    }

    public long segmentsDiffering() {
        return segmentsDiffering.get();
    }

    public long copyFailures() {
        return copyFailures.get();
    }

    public long runs() {
        return runs.get();
    }

    /** Keys and deletes copied by every run so far. */
    public long copiedTotal() {
        return copiedTotal.get() + (running ? keysCopied.get() + deletesCopied.get() : 0);
    }

    /** Milliseconds the last finished run took, -1 before the first. */
    public long lastMillis() {
        return lastMillis;
    }

    public long startedMillis() {
        return startedMillis;
    }

    public String lastReason() {
        return lastReason;
    }

    /** {@code never}, {@code done}, or {@code failed: <why>}. */
    public String lastOutcome() {
        return lastOutcome;
    }
}
