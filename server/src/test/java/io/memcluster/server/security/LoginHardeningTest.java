package io.memcluster.server.security;

import io.memcluster.config.AuthConfig;
import io.memcluster.config.NodeConfig;
import io.memcluster.config.PlainConfig;
import io.memcluster.server.RunningNode;
import io.memcluster.server.TestTls;
import io.memcluster.testkit.RawClient;
import java.net.Socket;
import java.time.Duration;
import java.util.Optional;

/**
 * {@link LoginHardeningScenarios} against a node: most clients on its TLS port, plaintext logins
 * on its plain port. The coordinator's twin is {@code LoginHardeningThroughCoordinatorTest}.
 */
class LoginHardeningTest extends LoginHardeningScenarios {

    private RunningNode node;

    @Override
    protected void startServer(Duration loginTimeout, int maxConnections) {
        NodeConfig c = RunningNode.secureConfig(dataDir);
        c = new NodeConfig(c.bind(), c.port(), c.memoryLimit(), c.maxItemSize(), maxConnections, c.threads(),
                c.idleTimeout(), c.shutdownEnabled(), c.dataDir(), c.tls(), c.plain(), c.auth());
        c = c.withPlain(new PlainConfig(RunningNode.freePort(), false))
                .withAuth(new AuthConfig(true, usersFile(), Optional.of(SECRET))
                        .withLoginLimits(loginTimeout, AuthConfig.DEFAULT_RESERVED_CONNECTIONS));
        node = RunningNode.start(c, clock);
    }

    @Override
    protected void stopServer() {
        if (node != null) {
            node.close();
        }
    }

    @Override
    protected int plainPort() {
        return node.plainPort();
    }

    @Override
    protected int mainPort() {
        return node.port();
    }

    @Override
    protected RawClient connectToMainPort() throws Exception {
        return RawClient.tls(node.port(), TestTls.trusting(TestTls.ca(dataDir)));
    }

    @Override
    protected void reloadUsers() {
        node.server().reloader().requestReload();
    }

    @Override
    protected Optional<Socket> connectTlsWithoutHandshake() throws Exception {
        return Optional.of(new Socket("127.0.0.1", node.port()));
    }
}
