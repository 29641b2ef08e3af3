package io.memcluster.coordinator.lifecycle;

/** How a process came to be running after a start: it was found running, or it was started now. */
public enum Origin {
    /** Already running, checked to be ours, and left as it was. */
    ADOPTED,
    /** Started now as a daemon. */
    STARTED
}
