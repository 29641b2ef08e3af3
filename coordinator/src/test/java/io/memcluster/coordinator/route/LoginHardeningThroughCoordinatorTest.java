package io.memcluster.coordinator.route;

import io.memcluster.config.AuthConfig;
import io.memcluster.config.CoordinatorConfig;
import io.memcluster.config.MemclusterConfig;
import io.memcluster.coordinator.RunningCluster;
import io.memcluster.server.security.LoginHardeningScenarios;
import io.memcluster.testkit.RawClient;
import java.time.Duration;
import java.util.Optional;

/**
 * The coordinator's front end is the node's, so what a client that has not logged in can cost
 * it is bounded the same way (issue 12): {@link LoginHardeningScenarios}, the node's
 * {@code LoginHardeningTest}, over the coordinator's plaintext loopback port.
 */
class LoginHardeningThroughCoordinatorTest extends LoginHardeningScenarios {

    private RunningCluster cluster;

    @Override
    protected void startServer(Duration loginTimeout, int maxConnections) {
        cluster = RunningCluster.withLogins(2, 1, dataDir, config -> {
            CoordinatorConfig c = config.coordinator();
            return new MemclusterConfig(
                    config.node().withAuth(new AuthConfig(true, usersFile(), Optional.of(SECRET))
                            .withLoginLimits(loginTimeout, AuthConfig.DEFAULT_RESERVED_CONNECTIONS)),
                    new CoordinatorConfig(c.bind(), c.port(), c.plainPort(), c.threads(), maxConnections,
                            c.idleTimeout()),
                    config.cluster());
        }, clock);
    }

    @Override
    protected void stopServer() {
        if (cluster != null) {
            cluster.close();
        }
    }

    @Override
    protected int plainPort() {
        return cluster.port();
    }

    @Override
    protected int mainPort() {
        return cluster.port();
    }

    @Override
    protected RawClient connectToMainPort() throws Exception {
        return new RawClient(cluster.port());
    }

    @Override
    protected void reloadUsers() {
        cluster.coordinator().reloader().requestReload();
    }
}
