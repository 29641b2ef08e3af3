package io.memcluster.coordinator.route;

import io.memcluster.coordinator.RunningCluster;
import io.memcluster.server.TestTls;
import io.memcluster.server.net.TlsLongLineScenarios;
import io.memcluster.testkit.RawClient;
import java.nio.file.Path;
import javax.net.ssl.SSLContext;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@link TlsLongLineScenarios}, the node's TlsLongLineTest, against a coordinator's TLS port: a
 * long line that is not a get is answered when its newline comes within memcached's 16 KB read
 * buffer, however its decrypted bytes are split.
 */
class CoordinatorTlsLongLineTest extends TlsLongLineScenarios {

    @TempDir
    static Path dataDir;

    private static RunningCluster cluster;
    private static SSLContext tls;

    @BeforeAll
    static void start() {
        cluster = RunningCluster.withTls(2, 2, dataDir);
        tls = TestTls.trusting(TestTls.ca(dataDir));
    }

    @AfterAll
    static void stop() {
        cluster.close();
    }

    @Override
    protected RawClient connectTls() throws Exception {
        return RawClient.tls(cluster.port(), tls);
    }
}
