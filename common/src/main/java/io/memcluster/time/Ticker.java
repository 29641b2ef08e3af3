package io.memcluster.time;

/**
 * Monotonic time for what measures intervals (request deadlines, failure detection, probe
 * backoff): unlike {@link Clock}, it never jumps when the wall clock is set. Injected, so that
 * tests advance a {@link ManualTicker} instead of sleeping.
 */
@FunctionalInterface
public interface Ticker {

    /** Nanoseconds from an arbitrary origin; only differences mean anything. */
    long nanos();

    /** {@link System#nanoTime()}. */
    static Ticker system() {
        return System::nanoTime;
    }
}
