package io.memcluster.server.security;

/** Why a node cannot start, in one sentence for the operator; the node then exits. */
public final class NodeStartException extends Exception {

    public NodeStartException(String message) {
        super(message);
    }

    public NodeStartException(String message, Throwable cause) {
        super(message, cause);
    }
}
