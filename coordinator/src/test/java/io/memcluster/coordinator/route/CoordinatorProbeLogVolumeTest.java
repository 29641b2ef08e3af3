package io.memcluster.coordinator.route;

import io.memcluster.coordinator.RunningCluster;
import io.memcluster.server.security.ProbeLogVolumeScenarios;
import java.nio.file.Path;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@link ProbeLogVolumeScenarios}, the node's ProbeLogVolumeTest, against a coordinator's TLS
 * port: plaintext sent to it again and again writes a few lines a minute per address, not two
 * lines per try.
 */
class CoordinatorProbeLogVolumeTest extends ProbeLogVolumeScenarios {

    @TempDir
    Path dataDir;

    private RunningCluster cluster;

    @Override
    protected AutoCloseable startServer() {
        cluster = RunningCluster.withTls(1, 1, dataDir);
        return cluster;
    }

    @Override
    protected int tlsPort() {
        return cluster.port();
    }
}
