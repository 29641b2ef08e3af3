package io.memcluster.time;

/**
 * The wall clock as the store, schedulers and failure detectors see it. Injected everywhere so
 * that tests advance a {@link ManualClock} instead of sleeping.
 */
@FunctionalInterface
public interface Clock {

    /** Milliseconds since the Unix epoch. */
    long millis();

    /** Whole seconds since the Unix epoch. */
    default long seconds() {
        return millis() / 1000;
    }

    /** The real clock. */
    static Clock system() {
        return System::currentTimeMillis;
    }
}
