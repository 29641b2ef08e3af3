package io.memcluster.server.net;

import io.memcluster.auth.UserAdministration;
import io.memcluster.server.stats.ServerStats;
import io.memcluster.server.stats.StatsReport;
import io.memcluster.server.store.Store;

/**
 * What every connection of a node shares (the security parts are in the channel initializer).
 *
 * @param users user administration over the protocol; null when auth is off
 */
public record NodeContext(Store store, ServerStats stats, StatsReport report, ConnectionRegistry connections,
        String version, boolean shutdownEnabled, Runnable shutdown, UserAdministration users) {
}
