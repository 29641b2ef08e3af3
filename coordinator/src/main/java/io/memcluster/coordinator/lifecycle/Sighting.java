package io.memcluster.coordinator.lifecycle;

import java.util.Objects;
import java.util.Optional;

/**
 * What runs for one of our processes (a local node, the coordinator) when looked at.
 *
 * @param process our live process, checked by its command line; empty when none is
 * @param state   as {@code status} reports it
 * @param detail  why its port did not answer as expected, for messages; empty when it did
 */
record Sighting(Optional<ProcessHandle> process, ProcessState state, String detail) {

    Sighting {
        Objects.requireNonNull(process, "process");
        Objects.requireNonNull(state, "state");
        Objects.requireNonNull(detail, "detail");
    }
}
