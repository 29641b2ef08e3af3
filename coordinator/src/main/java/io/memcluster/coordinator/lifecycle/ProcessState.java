package io.memcluster.coordinator.lifecycle;

/** What {@code bin/memcluster status} says of a process, in its words. */
enum ProcessState {
    /** Ours, alive, and answering on its port. */
    RUNNING("running"),
    /** No pid file, and nothing of ours answers on its port. */
    NOT_RUNNING("not running"),
    /** Ours and alive, but its port does not answer (still starting, or hung). */
    NOT_RESPONDING("not responding"),
    /** A pid file naming a process that is gone, or is someone else's now. */
    STALE_PID_FILE("stale pid file");

    private final String words;

    ProcessState(String words) {
        this.words = words;
    }

    String words() {
        return words;
    }
}
