package io.memcluster.coordinator.route;

import static org.assertj.core.api.Assertions.assertThat;

import io.memcluster.coordinator.RunningCluster;
import io.memcluster.server.TestUsers;
import io.memcluster.testkit.RawClient;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The coordinator's front end is the node's, so what a client that has not logged in can cost
 * it is bounded the same way (issue 12): the twin of the node's {@code LoginHardeningTest},
 * over the coordinator's plaintext loopback port.
 */
class LoginHardeningThroughCoordinatorTest {

    @TempDir
    Path dataDir;

    private RunningCluster cluster;

    @AfterEach
    void stop() {
        if (cluster != null) {
            cluster.close();
        }
    }

    @Test
    void megabyteLoginSetIsRefusedAtOnceInsteadOfBeingBuffered() throws Exception {
        start();
        try (RawClient client = new RawClient(cluster.port())) {
            client.send("set login 0 0 1000000\r\n" + "x".repeat(8192));

            assertThat(client.readLine()).isEqualTo("CLIENT_ERROR authentication failure: too large for a login\r\n");
            client.send("x".repeat(1_000_000 - 8192) + "\r\n");
            assertThat(client.login("alice", "alice-pw")).isEqualTo("STORED");
            assertThat(client.call("set cart.big 0 0 100000\r\n" + "v".repeat(100_000) + "\r\n", "STORED"))
                    .isEqualTo("STORED\r\n");
        }
        try (RawClient other = new RawClient(cluster.port())) {
            other.send("add cart.x 0 0 1000000\r\n" + "x".repeat(8192));
            assertThat(other.readLine()).isEqualTo("CLIENT_ERROR unauthenticated\r\n");
        }
    }

    private void start() {
        TestUsers.add(dataDir, "alice", "alice-pw", "cart:write");
        cluster = RunningCluster.withLogins(2, 1, dataDir);
    }
}
