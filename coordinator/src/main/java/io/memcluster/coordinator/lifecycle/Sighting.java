package io.memcluster.coordinator.lifecycle;

import java.util.Objects;
import java.util.Optional;

/**
 * What runs for one of our processes (a local node, the coordinator) when looked at.
 *
 * @param process our live process, checked by its command line; empty when none is
 * @param state   as {@code status} reports it
 */
record Sighting(Optional<ProcessHandle> process, ProcessState state) {

    Sighting {
        Objects.requireNonNull(process, "process");
        Objects.requireNonNull(state, "state");
    }
}
