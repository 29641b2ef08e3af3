package io.memcluster.server.command;

import io.memcluster.auth.UserAdministration;
import io.memcluster.frontend.net.ConnectionRegistry;
import io.memcluster.frontend.request.Crawler;
import io.memcluster.frontend.stats.FrontendStats;
import io.memcluster.server.snapshot.Snapshots;
import io.memcluster.server.stats.CommandStats;
import io.memcluster.server.stats.StatsReport;
import io.memcluster.server.store.Store;

/**
 * What every connection's executor of a node shares.
 *
 * @param users   user administration over the protocol; null when auth is off
 * @param crawler the one metadump the node runs at a time
 * @param snapshots the node's snapshot files: {@code memcluster snapshot} and {@code stats snapshots}
 */
public record NodeContext(Store store, CommandStats stats, FrontendStats frontendStats, StatsReport report,
        ConnectionRegistry connections, String version, boolean shutdownEnabled, Runnable shutdown,
        UserAdministration users, Crawler crawler, Snapshots snapshots) {
}
