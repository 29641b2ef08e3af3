package io.memcluster.client.connection;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.memcluster.protocol.Command;
import io.memcluster.protocol.Reply;
import io.memcluster.protocol.ReplyStatus;
import io.memcluster.protocol.StorageVerb;
import io.memcluster.server.RunningNode;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The blocking connection against a real node, and against servers that misbehave. */
class ConnectionTest {

    private static RunningNode node;

    @BeforeAll
    static void start() {
        node = RunningNode.start();
    }

    @AfterAll
    static void stop() {
        node.close();
    }

    private static Connector plain(int port, Duration timeout) {
        return new Connector(new ServerAddress("127.0.0.1", port, null, timeout), null, null, null);
    }

    @Test
    void pipelinesRequestsAndStreamsALongListing() {
        try (Connector connector = plain(node.port(), ServerAddress.DEFAULT_REPLY_TIMEOUT);
                Connection connection = connector.connect()) {
            int keys = 3 * ReplyQueue.HIGH_WATER;
            List<Command> sets = new ArrayList<>();
            for (int i = 0; i < keys; i++) {
                sets.add(new Command.Storage(StorageVerb.SET, bytes("conn." + i), 0, 0, bytes("v"), 0, false));
            }
            assertThat(connection.pipeline(sets))
                    .allMatch(r -> r instanceof Reply.Status s && s.status() == ReplyStatus.STORED)
                    .hasSize(keys);
            AtomicInteger listed = new AtomicInteger();
            Reply end = connection.listing(new Command.LruCrawler(new String[] {"metadump", "all"}), element -> {
                if (element instanceof Reply.KeyMetadata k && new String(k.key(), StandardCharsets.US_ASCII)
                        .startsWith("conn.")) {
                    listed.incrementAndGet();
                }
            });
            assertThat(end).isEqualTo(Reply.End.INSTANCE);
            assertThat(listed).hasValue(keys);
            assertThat(connection.request(new Command.Version())).isInstanceOf(Reply.Version.class);
        }
    }

    @Test
    void aServerThatSaysNothingTimesOutAndTheConnectionIsClosed() throws Exception {
        try (ServerSocket silent = new ServerSocket(0, 1, InetAddress.getLoopbackAddress());
                Connector connector = plain(silent.getLocalPort(), Duration.ofMillis(300))) {
            assertThatThrownBy(connector::connect)
                    .isInstanceOf(ConnectionException.class)
                    .hasMessage("no reply from 127.0.0.1:" + silent.getLocalPort() + " within 300ms; connection closed"
                            + " (is it a TLS port? then leave out --plain)");
        }
    }

    @Test
    void aServerThatSpeaksSomethingElseIsDroppedWithAReason() throws Exception {
        try (ServerSocket other = new ServerSocket(0, 1, InetAddress.getLoopbackAddress());
                Connector connector = plain(other.getLocalPort(), ServerAddress.DEFAULT_REPLY_TIMEOUT)) {
            Thread server = new Thread(() -> {
                try (Socket client = other.accept(); OutputStream out = client.getOutputStream()) {
                    out.write("VALUE k x 3\r\n".getBytes(StandardCharsets.US_ASCII));
                    out.flush();
                    client.getInputStream().read();
                } catch (IOException e) {
                    // the client went away, as it should
                }
            });
            server.start();
            assertThatThrownBy(connector::connect)
                    .isInstanceOf(ConnectionException.class)
                    .hasMessageContaining("sent something that is not the memcached protocol (malformed reply:");
            server.join(10_000);
        }
    }

    private static byte[] bytes(String s) {
        return s.getBytes(StandardCharsets.US_ASCII);
    }
}
