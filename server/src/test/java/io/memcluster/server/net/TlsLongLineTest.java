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
 * Long lines that are not gets, over a real TLS socket, where decrypted bytes reach the decoder
 * in pieces: memcached's line rule (a newline within its 16 KB read buffer) holds for the whole
 * line however its bytes are split. memcached 1.6.18 -Z answers a 3000-byte line written at once.
 */
class TlsLongLineTest {

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

    /** {@code set k 0 0 1}, padded with spaces to {@code length} bytes with its CRLF. */
    static String setLine(int length) {
        return "set k 0 0 1" + " ".repeat(length - "set k 0 0 1\r\n".length()) + "\r\n";
    }

    /**
     * Sends {@code mn} and the first {@code firstPart} bytes of {@code request} in one write (one
     * TLS record), waits for MN, so that the node has had the partial line before the rest comes,
     * then sends the rest in writes of 100 bytes and returns the replies up to {@code lastLine}.
     */
    static String sendSplit(RawClient client, String request, int firstPart, String lastLine) throws Exception {
        assertThat(client.call("mn\r\n" + request.substring(0, firstPart), "MN")).isEqualTo("MN\r\n");
        client.sendInPieces(request.substring(firstPart), 100);
        return client.call("", lastLine);
    }

    @Test
    void aLineOf3000BytesIsAnsweredWrittenAtOnce() throws Exception {
        try (RawClient client = RawClient.tls(node.port(), tls)) {
            assertThat(client.call(setLine(3000) + "x\r\n", "STORED")).isEqualTo("STORED\r\n");
        }
    }

    @Test
    void aLineOf3000BytesIsAnsweredWhenItsNewlineComesLater() throws Exception {
        try (RawClient client = RawClient.tls(node.port(), tls)) {
            assertThat(sendSplit(client, setLine(3000) + "x\r\nget k\r\n", 2500, "END"))
                    .isEqualTo("STORED\r\nVALUE k 0 1\r\nx\r\nEND\r\n");
        }
    }

    @Test
    void aLineWhoseNewlineIsWithin16KiBIsAnswered() throws Exception {
        try (RawClient client = RawClient.tls(node.port(), tls)) {
            assertThat(sendSplit(client, setLine(16384) + "x\r\n", 16000, "STORED")).isEqualTo("STORED\r\n");
        }
    }

    @Test
    void aLineWhoseNewlineIsPast16KiBCloses() throws Exception {
        try (RawClient client = RawClient.tls(node.port(), tls)) {
            client.send(setLine(16385).substring(0, 16384));
            assertThat(client.closedByServer()).isTrue();
        }
    }
}
