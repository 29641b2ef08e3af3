package io.memcluster.server.security;

import io.memcluster.server.RunningNode;
import io.memcluster.server.TestTls;
import io.memcluster.server.TestUsers;
import io.memcluster.testkit.RawClient;
import io.memcluster.time.ManualClock;
import java.nio.file.Path;
import java.util.Optional;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@link ProbeLogVolumeScenarios} against a node, whose clock the test owns, probed also by TLS
 * connections that ask for a key without a login.
 */
class ProbeLogVolumeTest extends ProbeLogVolumeScenarios {

    @TempDir
    Path dataDir;

    private final ManualClock clock = new ManualClock(System.currentTimeMillis());
    private RunningNode node;

    @Override
    protected AutoCloseable startServer() {
        TestUsers.add(dataDir, "root", "root-pw", "ADMIN");
        node = RunningNode.start(RunningNode.secureConfig(dataDir), clock);
        return node;
    }

    @Override
    protected int tlsPort() {
        return node.port();
    }

    @Override
    protected Optional<ManualClock> limiterClock() {
        return Optional.of(clock);
    }

    @Override
    protected void probe() throws Exception {
        super.probe();
        try (RawClient client = RawClient.tls(node.port(), TestTls.trusting(TestTls.ca(dataDir)))) {
            client.call("get k\r\n", "CLIENT_ERROR unauthenticated");
        }
    }
}
