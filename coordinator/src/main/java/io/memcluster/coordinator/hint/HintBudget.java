package io.memcluster.coordinator.hint;

import java.util.concurrent.atomic.AtomicLong;

/**
 * The bytes the hints of every node hold together, against {@code cluster.hints.max_bytes}: one
 * limit for the coordinator's heap however many nodes are down. Logs of several event loops add
 * at once, so the total may pass the limit by the hints being added at that moment.
 */
final class HintBudget {

    private final long limit;
    private final AtomicLong used = new AtomicLong();

    HintBudget(long limit) {
        if (limit < 1) {
            throw new IllegalArgumentException("the hints' byte limit must be positive, not " + limit);
        }
        this.limit = limit;
    }

    /** Whether {@code bytes} more fit. */
    boolean fits(long bytes) {
        return used.get() + bytes <= limit;
    }

    void add(long bytes) {
        used.addAndGet(bytes);
    }

    void release(long bytes) {
        used.addAndGet(-bytes);
    }

    long used() {
        return used.get();
    }

    long limit() {
        return limit;
    }
}
