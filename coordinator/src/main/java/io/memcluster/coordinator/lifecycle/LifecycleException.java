package io.memcluster.coordinator.lifecycle;

/**
 * Why a process could not be started, checked or stopped, in one line for the operator, with
 * what would help (a port to free, a log to read). {@link #details()} carries what does not fit on
 * a line, such as the end of a daemon's log.
 */
public final class LifecycleException extends Exception {

    private final String details;

    public LifecycleException(String message) {
        this(message, "", null);
    }

    public LifecycleException(String message, Throwable cause) {
        this(message, "", cause);
    }

    public LifecycleException(String message, String details, Throwable cause) {
        super(message, cause);
        this.details = details == null ? "" : details;
    }

    /** Lines to show after the message; empty when there are none. */
    public String details() {
        return details;
    }
}
