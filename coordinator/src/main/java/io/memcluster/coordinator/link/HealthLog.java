package io.memcluster.coordinator.link;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The coordinator's log of node changes: {@code node node-2 127.0.0.1:12002 is down after 3
 * failures in a row (last: timeout of 12 requests)}. A node going down is a warning, coming up
 * news. Reasons come from {@link NodeHealth} and never quote keys.
 */
public final class HealthLog implements NodeHealth.Listener {

    private static final Logger log = LoggerFactory.getLogger(HealthLog.class);

    @Override
    public void changed(NodeAddress node, NodeHealth.State state, String reason) {
        if (state == NodeHealth.State.DOWN) {
            log.warn("node {} is down {}", node, reason);
        } else {
            log.info("node {} is up {}", node, reason);
        }
    }
}
