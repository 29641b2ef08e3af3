package io.memcluster.coordinator.lifecycle;

import java.util.List;

/**
 * What {@link NodeSupervisor#ensureRunning} found and did, each list in node order: every local
 * node is in exactly one of them.
 *
 * @param running  the nodes that run and answered, adopted or started
 * @param failures the nodes that do not run, each with its reason
 */
public record NodeStartReport(List<LocalNodeProcess> running, List<NodeFailure> failures) {

    public NodeStartReport {
        running = List.copyOf(running);
        failures = List.copyOf(failures);
    }

    /** Every local node runs. */
    public boolean complete() {
        return failures.isEmpty();
    }
}
