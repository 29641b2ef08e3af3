package io.memcluster.coordinator.lifecycle;

import static org.assertj.core.api.Assertions.assertThat;

import io.memcluster.certs.CertificateFiles;
import io.memcluster.certs.UserName;
import io.memcluster.config.ConfigLoader;
import io.memcluster.config.ConfigOverride;
import io.memcluster.config.MemclusterConfig;
import io.memcluster.config.NodeConfigLoader;
import io.memcluster.server.RunningNode;
import io.memcluster.time.Clock;
import io.memcluster.tls.ClientTlsContexts;
import io.netty.handler.ssl.JdkSslContext;
import io.netty.handler.ssl.SslProvider;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import javax.net.ssl.SSLContext;

/** The handshake that tells a node of this cluster from anything else on its port, against a real node. */
class NodeProbeTest {

    @TempDir
    static Path dir;

    private static DataLayout layout;
    private static RunningNode node;

    /** A node in this JVM, run from exactly the node.yaml that up writes: its stats report this JVM's pid. */
    @BeforeAll
    static void startNodeFromItsGeneratedYaml() throws Exception {
        layout = new DataLayout(dir.resolve("data"));
        CertificateFiles.ensureDefaults(layout.certificates().dir(), Clock.system());
        MemclusterConfig cluster = ConfigLoader.load(null, Map.of(), List.of(
                new ConfigOverride("cluster.local.port_initial", Integer.toString(RunningNode.freePort()), null),
                new ConfigOverride("cluster.local.count", "1", null),
                new ConfigOverride("cluster.replication_factor", "1", null)));
        node = RunningNode.start(NodeConfigLoader.load(NodeYaml.write(cluster, layout, 0), Map.of(), Map.of()),
                Clock.system(), SslProvider.JDK);
    }

    @AfterAll
    static void stopNode() {
        if (node != null) {
            node.close();
        }
    }

    @Test
    void theCoordinatorsCertificateGetsTheNodesPidAndVersion() throws Exception {
        NodeProbe.Answer answer = NodeProbe.forCluster(layout).probe("127.0.0.1", node.port());

        assertThat(answer.kind()).isEqualTo(NodeProbe.Kind.NODE);
        assertThat(answer.isNode(ProcessHandle.current().pid())).isTrue();
        assertThat(answer.isNode(ProcessHandle.current().pid() + 1)).as("another process's node").isFalse();
        assertThat(answer.version()).contains("memcluster");
    }

    @Test
    void withoutAClientCertificateTheNodeLetsNobodyIn() throws Exception {
        CertificateFiles certs = layout.certificates();
        JdkSslContext caOnly = (JdkSslContext) ClientTlsContexts.build(certs.caCertificate(), SslProvider.JDK);

        NodeProbe.Answer answer = new NodeProbe(caOnly.context(), NodeProbe.TIMEOUT).probe("127.0.0.1", node.port());

        assertThat(answer.kind()).isEqualTo(NodeProbe.Kind.OTHER);
        assertThat(answer.detail()).startsWith("no mutual TLS handshake");
    }

    @Test
    void anotherClustersCertificatesDoNotGetIn() throws Exception {
        DataLayout other = new DataLayout(dir.resolve("other"));
        CertificateFiles.ensureDefaults(other.certificates().dir(), Clock.system());

        NodeProbe.Answer answer = NodeProbe.forCluster(other).probe("127.0.0.1", node.port());

        assertThat(answer.kind()).isEqualTo(NodeProbe.Kind.OTHER);
    }

    @Test
    void aUsersCertificateFromTheSameCaGetsNothingOnANode() throws Exception {
        // bin/memcluster certs client --user alice: good for the coordinator, where alice is a user
        CertificateFiles certs = layout.certificates();
        certs.issueClient("alice", 30, false);
        UserName alice = new UserName("alice");
        JdkSslContext asAlice = (JdkSslContext) ClientTlsContexts.build(certs.caCertificate(),
                certs.userCertificate(alice), certs.userKey(alice), SslProvider.JDK);

        NodeProbe.Answer answer = new NodeProbe(asAlice.context(), NodeProbe.TIMEOUT).probe("127.0.0.1", node.port());

        assertThat(answer.kind()).as("only the coordinator is a user of a node").isEqualTo(NodeProbe.Kind.OTHER);
        assertThat(answer.detail()).contains("unauthenticated");
    }

    @Test
    void aFreePortHasNothingListening() throws Exception {
        NodeProbe.Answer answer = NodeProbe.forCluster(layout).probe("127.0.0.1", RunningNode.freePort());
        assertThat(answer.kind()).isEqualTo(NodeProbe.Kind.NOTHING);
    }

    @Test
    void aPlaintextServerIsSomethingElse() throws Exception {
        try (ServerSocket foreign = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            Thread server = new Thread(() -> {
                try (Socket client = foreign.accept(); OutputStream out = client.getOutputStream()) {
                    out.write("220 hello, this is not memcached\r\n".getBytes(StandardCharsets.US_ASCII));
                } catch (Exception e) {
                    // the probe has hung up
                }
            });
            server.start();

            NodeProbe.Answer answer = NodeProbe.forCluster(layout).probe("127.0.0.1", foreign.getLocalPort());

            assertThat(answer.kind()).isEqualTo(NodeProbe.Kind.OTHER);
            server.join(Duration.ofSeconds(5).toMillis());
        }
    }

    @Test
    void aSilentListenerIsSomethingElseOnceTheTimeoutPasses() throws Exception {
        // Accepted by the kernel (backlog), never answered.
        try (ServerSocket silent = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            NodeProbe shortWait = new NodeProbe(clusterContext(), Duration.ofMillis(300));

            NodeProbe.Answer answer = shortWait.probe("127.0.0.1", silent.getLocalPort());

            assertThat(answer.kind()).isEqualTo(NodeProbe.Kind.OTHER);
            assertThat(answer.detail()).contains("SocketTimeoutException");
        }
    }

    @Test
    void withoutTheClustersCertificatesNothingCanBeChecked() {
        DataLayout empty = new DataLayout(dir.resolve("empty"));
        NodeProbe unchecked = NodeProbe.forClusterOrUnchecked(empty);

        NodeProbe.Answer answer = unchecked.probe("127.0.0.1", node.port());

        assertThat(answer.kind()).isEqualTo(NodeProbe.Kind.OTHER);
        assertThat(answer.detail()).contains("ca.crt does not exist").doesNotContain("\n");
    }

    private static SSLContext clusterContext() throws Exception {
        CertificateFiles certs = layout.certificates();
        return ((JdkSslContext) ClientTlsContexts.build(certs.caCertificate(), certs.clientCertificate(),
                certs.clientKey(), SslProvider.JDK)).context();
    }
}
