package io.memcluster.server.net;

import static org.assertj.core.api.Assertions.assertThat;

import io.memcluster.config.NodeConfig;
import io.memcluster.server.RunningNode;
import io.memcluster.server.TestTls;
import io.memcluster.testkit.RawClient;
import io.memcluster.time.Clock;
import java.nio.file.Path;
import javax.net.ssl.SSLContext;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@link TlsLongLineScenarios} against a node's TLS port, and the line memcached 1.6.18 -Z
 * answers: 3000 bytes written at once.
 */
class TlsLongLineTest extends TlsLongLineScenarios {

    @TempDir
    static Path dataDir;

    private static RunningNode node;
    private static SSLContext tls;

    @BeforeAll
    static void start() {
        NodeConfig config = RunningNode.secureConfig(dataDir);
        node = RunningNode.start(config.withAuth(config.auth().disabled()), Clock.system());
        tls = TestTls.trusting(TestTls.ca(dataDir));
    }

    @AfterAll
    static void stop() {
        node.close();
    }

    @Override
    protected RawClient connectTls() throws Exception {
        return RawClient.tls(node.port(), tls);
    }

    @Test
    void aLineOf3000BytesIsAnsweredWrittenAtOnce() throws Exception {
        try (RawClient client = connectTls()) {
            assertThat(client.call(setLine(3000) + "x\r\n", "STORED")).isEqualTo("STORED\r\n");
        }
    }
}
