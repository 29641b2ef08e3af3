package io.memcluster.coordinator.lifecycle;

import java.time.Duration;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * The pause between two looks at a process that is starting or stopping: it ends early when the
 * process exits, so a daemon that dies at start is reported at once, not at the deadline.
 */
final class Pause {

    /** Between two handshakes with a starting process: a JVM takes a second or more to listen. */
    static final Duration POLL = Duration.ofMillis(200);

    private Pause() {
    }

    /** Up to {@code nanos}; an interrupt ends it and stays set for the caller to see. */
    static void untilExit(ProcessHandle process, long nanos) {
        try {
            process.onExit().get(Math.max(0, nanos), TimeUnit.NANOSECONDS);
        } catch (TimeoutException | ExecutionException e) {
            // still running: the caller looks again
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
