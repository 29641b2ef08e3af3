package io.memcluster.coordinator.route;

import static org.assertj.core.api.Assertions.assertThat;

import io.memcluster.coordinator.RunningCluster;
import io.memcluster.server.TestTls;
import io.memcluster.testkit.RawClient;
import java.nio.file.Path;
import javax.net.ssl.SSLContext;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The node's TlsLongLineTest against a coordinator's TLS port: a long line that is not a get is
 * answered when its newline comes within memcached's 16 KB read buffer, however its decrypted
 * bytes are split.
 */
class CoordinatorTlsLongLineTest {

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

    static String setLine(int length) {
        return "set k 0 0 1" + " ".repeat(length - "set k 0 0 1\r\n".length()) + "\r\n";
    }

    /** mn and the first part in one TLS record; once MN is back, the rest in writes of 100 bytes. */
    static String sendSplit(RawClient client, String request, int firstPart, String lastLine) throws Exception {
        assertThat(client.call("mn\r\n" + request.substring(0, firstPart), "MN")).isEqualTo("MN\r\n");
        client.sendInPieces(request.substring(firstPart), 100);
        return client.call("", lastLine);
    }

    @Test
    void aLineOf3000BytesIsAnsweredWhenItsNewlineComesLater() throws Exception {
        try (RawClient client = RawClient.tls(cluster.port(), tls)) {
            assertThat(sendSplit(client, setLine(3000) + "x\r\nget k\r\n", 2500, "END"))
                    .isEqualTo("STORED\r\nVALUE k 0 1\r\nx\r\nEND\r\n");
        }
    }

    @Test
    void aLineWhoseNewlineIsWithin16KiBIsAnswered() throws Exception {
        try (RawClient client = RawClient.tls(cluster.port(), tls)) {
            assertThat(sendSplit(client, setLine(16384) + "x\r\n", 16000, "STORED")).isEqualTo("STORED\r\n");
        }
    }

    @Test
    void aLineWhoseNewlineIsPast16KiBCloses() throws Exception {
        try (RawClient client = RawClient.tls(cluster.port(), tls)) {
            client.send(setLine(16385).substring(0, 16384));
            assertThat(client.closedByServer()).isTrue();
        }
    }
}
