package io.memcluster.coordinator.route;

import io.memcluster.coordinator.link.LinkFailure;
import io.memcluster.coordinator.link.NodePool;

/**
 * Why replicas could not be used, collected for the one-line {@code SERVER_ERROR} a client gets:
 * {@code (node-2 down, node-3 timeout)}. Never a key or a value.
 */
final class Reasons {

    private StringBuilder text;

    void down(NodePool pool) {
        add(pool.address().name() + " down");
    }

    void failed(LinkFailure failure) {
        add(failure.node().name() + " " + failure.kind().words());
    }

    /** A node answered with an error line (out of memory, ...): only its kind, the line goes on as it is. */
    void refused(NodePool pool) {
        add(pool.address().name() + " refused");
    }

    /** {@code " (node-2 down, node-3 timeout)"}, or "" when nothing went wrong. */
    String inParentheses() {
        return text == null ? "" : " (" + text + ")";
    }

    private void add(String reason) {
        if (text == null) {
            text = new StringBuilder(reason);
        } else {
            text.append(", ").append(reason);
        }
    }
}
