package io.memcluster.client.bench;

import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;

/**
 * One stretch of work every connection takes part in (populate, warm-up, the measured run): its
 * statistics, its stop signal, and how the connections report that they are done or that
 * something went wrong. Connections drain their requests in flight before they report done, so
 * that the next phase starts clean and every request sent is counted in the phase that sent it.
 */
final class Phase {

    private final String name;
    private final int depth;
    private final PhaseStats stats;
    private final CountDownLatch unfinished;
    private final AtomicLong lastFinish = new AtomicLong(Long.MIN_VALUE);
    private final AtomicReference<String> failure = new AtomicReference<>();
    private final AtomicReference<String> firstErrorReply = new AtomicReference<>();
    private volatile boolean stopping;
    private long startNanos;

    Phase(String name, int depth, int threads, int connections) {
        this.name = name;
        this.depth = depth;
        this.stats = new PhaseStats(threads);
        this.unfinished = new CountDownLatch(connections);
    }

    String name() {
        return name;
    }

    /** Requests each connection keeps in flight. */
    int depth() {
        return depth;
    }

    PhaseStats stats() {
        return stats;
    }

    void started(long nanos) {
        startNanos = nanos;
    }

    long startNanos() {
        return startNanos;
    }

    /** From the last reply of the last connection: when the phase's work actually ended. */
    long endNanos() {
        return lastFinish.get();
    }

    /** Tells every connection to send nothing more; they finish when their replies are in. */
    void stop() {
        stopping = true;
    }

    boolean stopping() {
        return stopping;
    }

    void connectionFinished(long nanos) {
        lastFinish.accumulateAndGet(nanos, Math::max);
        unfinished.countDown();
    }

    /** Keeps the first failure; the run reports it and stops. */
    void fail(String reason) {
        failure.compareAndSet(null, reason);
        stopping = true;
    }

    String failure() {
        return failure.get();
    }

    /** Keeps the first error reply, for the report. */
    void errorReply(String line) {
        firstErrorReply.compareAndSet(null, line);
    }

    String firstErrorReply() {
        return firstErrorReply.get();
    }

    boolean awaitFinished(long nanos) throws InterruptedException {
        return unfinished.await(nanos, TimeUnit.NANOSECONDS);
    }
}
