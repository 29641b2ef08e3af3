package io.memcluster.coordinator.route;

import io.memcluster.auth.UserAdministration;
import io.memcluster.frontend.net.ConnectionRegistry;
import io.memcluster.frontend.request.Crawler;
import io.memcluster.frontend.stats.FrontendStats;
import io.memcluster.time.Clock;

/**
 * What every client connection's executor of a coordinator shares.
 *
 * @param users    user administration over the protocol; null when auth is off
 * @param settings what {@code stats settings} reports of the coordinator itself
 * @param crawler  the one metadump at a time that the coordinator runs
 */
public record CoordinatorContext(Cluster cluster, String version, FrontendStats frontendStats,
        ConnectionRegistry connections, UserAdministration users, Settings settings, Clock clock,
        long startedUnixSeconds, Crawler crawler) {

    /** The coordinator's own settings, as {@code stats settings} names them. */
    public record Settings(String bind, int port, int maxConnections, int threads, int maxItemSize,
            long idleTimeoutSeconds, boolean authEnabled, boolean sslEnabled) {
    }
}
