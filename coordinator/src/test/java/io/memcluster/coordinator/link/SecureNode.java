package io.memcluster.coordinator.link;

import io.memcluster.config.NodeConfig;
import io.memcluster.config.TlsConfig;
import io.memcluster.server.RunningNode;
import io.memcluster.time.Clock;
import io.memcluster.tls.ClientTlsContexts;
import io.netty.handler.ssl.SslContext;
import io.netty.handler.ssl.SslProvider;
import java.nio.file.Path;
import javax.net.ssl.SSLException;

/**
 * A node as the coordinator meets it: TLS that requires a client certificate of the cluster CA,
 * no password login (the certificate is the coordinator's credential). Its certificates are made
 * on its first start under {@code <dataDir>/certs}, client.crt/client.key being the
 * coordinator's; a restart uses the same files and the same port.
 */
final class SecureNode implements AutoCloseable {

    private final NodeConfig config;
    private RunningNode running;

    private SecureNode(NodeConfig config) {
        this.config = config;
        this.running = RunningNode.start(config, Clock.system());
    }

    static SecureNode start(Path dataDir) {
        NodeConfig config = RunningNode.secureConfig(dataDir);
        return new SecureNode(config.withTls(config.tls().withClientAuth(TlsConfig.ClientAuth.REQUIRE))
                .withAuth(config.auth().disabled()));
    }

    /** The same node again, on the same port with the same certificates. */
    void restart() {
        running = RunningNode.start(config, Clock.system());
    }

    NodeAddress address(String name) {
        return new NodeAddress(name, "127.0.0.1", config.port());
    }

    /** The coordinator's context: the cluster CA and the coordinator's client certificate. */
    SslContext coordinatorTls(SslProvider provider) throws SSLException {
        return ClientTlsContexts.build(certs().resolve("ca.crt"), certs().resolve("client.crt"),
                certs().resolve("client.key"), provider);
    }

    /** A client that trusts the node but has no certificate to show. */
    SslContext anonymousTls(SslProvider provider) throws SSLException {
        return ClientTlsContexts.build(certs().resolve("ca.crt"), provider);
    }

    private Path certs() {
        return TlsConfig.certsDir(config.dataDir());
    }

    @Override
    public void close() {
        running.close();
    }
}
