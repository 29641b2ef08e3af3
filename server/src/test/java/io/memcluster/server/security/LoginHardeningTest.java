package io.memcluster.server.security;

import static org.assertj.core.api.Assertions.assertThat;

import io.memcluster.config.NodeConfig;
import io.memcluster.config.PlainConfig;
import io.memcluster.server.RunningNode;
import io.memcluster.server.TestTls;
import io.memcluster.server.TestUsers;
import io.memcluster.testkit.RawClient;
import io.memcluster.time.Clock;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * What a client that has not logged in can cost a node, over real sockets (issue 12): each test
 * is named after the problem it guards against. The coordinator's twin is
 * {@code LoginHardeningThroughCoordinatorTest}.
 */
class LoginHardeningTest {

    @TempDir
    Path dataDir;

    private RunningNode node;

    @AfterEach
    void stop() {
        if (node != null) {
            node.close();
        }
    }

    @Test
    void megabyteLoginSetIsRefusedAtOnceInsteadOfBeingBuffered() throws Exception {
        start();
        try (RawClient client = RawClient.tls(node.port(), TestTls.trusting(TestTls.ca(dataDir)))) {
            client.send("set login 0 0 1000000\r\n" + "x".repeat(8192));

            assertThat(client.readLine()).isEqualTo("CLIENT_ERROR authentication failure: too large for a login\r\n");
            client.send("x".repeat(1_000_000 - 8192) + "\r\n");
            assertThat(client.login("alice", "alice-pw")).isEqualTo("STORED");
            assertThat(client.call("set cart.big 0 0 100000\r\n" + "v".repeat(100_000) + "\r\n", "STORED"))
                    .isEqualTo("STORED\r\n");
        }
        try (RawClient plain = new RawClient(node.plainPort())) {
            plain.send("add cart.x 0 0 1000000\r\n" + "x".repeat(8192));
            assertThat(plain.readLine()).isEqualTo("CLIENT_ERROR unauthenticated\r\n");
        }
    }

    private void start() {
        TestUsers.add(dataDir, "alice", "alice-pw", "cart:write");
        NodeConfig config = RunningNode.secureConfig(dataDir);
        node = RunningNode.start(config.withPlain(new PlainConfig(RunningNode.freePort(), false)), Clock.system());
    }
}
