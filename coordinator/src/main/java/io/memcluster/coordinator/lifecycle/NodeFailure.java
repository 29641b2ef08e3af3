package io.memcluster.coordinator.lifecycle;

import java.util.Objects;

/**
 * A local node that does not run after a start, and why.
 *
 * @param name    {@code node-1 ..}
 * @param port    its port
 * @param reason  one line for the operator, naming what to do
 * @param logTail the end of its log when it was started and failed; empty otherwise
 */
public record NodeFailure(String name, int port, String reason, String logTail) {

    public NodeFailure {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(reason, "reason");
        Objects.requireNonNull(logTail, "logTail");
    }
}
