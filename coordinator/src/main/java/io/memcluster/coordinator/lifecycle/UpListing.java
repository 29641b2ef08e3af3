package io.memcluster.coordinator.lifecycle;

import io.memcluster.config.CoordinatorConfig;
import io.memcluster.config.MemclusterConfig;
import java.nio.file.Path;

/** {@code up}'s lines saying where each process listens, one a process. */
final class UpListing {

    private UpListing() {
    }

    /** {@code memcluster: node-1 started (pid 4242), listening on 127.0.0.1:12001 (mutual TLS); log FILE}. */
    static String node(LocalNodeProcess node) {
        return "memcluster: " + node.name() + " " + how(node.origin()) + " (pid " + node.pid() + "), listening on "
                + node.address() + " (mutual TLS); log " + node.log();
    }

    /** {@code memcluster: coordinator started (pid 4250), listening on 127.0.0.1:11211 (TLS); log FILE}. */
    static String coordinator(CoordinatorProcess coordinator, MemclusterConfig config, Path log) {
        CoordinatorConfig listeners = config.coordinator();
        String where = CoordinatorProbe.address(listeners.bind(), listeners.port())
                + (config.node().tls().enabled() ? " (TLS)" : " (plaintext)");
        if (listeners.plainEnabled()) {
            where += " and " + CoordinatorProbe.address(config.coordinatorPlain().bindAddress(listeners.bind()),
                    listeners.plainPort()) + " (plaintext)";
        }
        return "memcluster: coordinator " + how(coordinator.origin()) + " (pid " + coordinator.pid()
                + "), listening on " + where + "; log " + log;
    }

    private static String how(Origin origin) {
        return origin == Origin.STARTED ? "started" : "already running";
    }
}
