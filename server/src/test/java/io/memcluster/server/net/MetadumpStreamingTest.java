package io.memcluster.server.net;

import static io.memcluster.testkit.LargeGets.bytesWritten;
import static io.memcluster.testkit.LargeMetadump.BUSY;
import static io.memcluster.testkit.LargeMetadump.ITEMS;
import static io.memcluster.testkit.LargeMetadump.key;
import static io.memcluster.testkit.LargeMetadump.readDump;
import static io.memcluster.testkit.LargeMetadump.stalledSocket;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.memcluster.config.NodeConfig;
import io.memcluster.server.RunningNode;
import io.memcluster.server.TestUsers;
import io.memcluster.testkit.RawClient;
import io.memcluster.time.Clock;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Set;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 12: {@code lru_crawler metadump all} built the whole dump in memory per connection, and
 * 30 clients that never read pinned 1 GB. Now it streams from the store as the client reads, one
 * dump at a time per node ({@code BUSY} for the others, as memcached), and only for who may read
 * some namespace, each key only if its namespace may be read.
 *
 * <p>60,000 items of 1 KB under 200-byte keys, half {@code cart}, half {@code orders}: a dump of
 * 17 MB, several times what the loopback socket buffers take from a client that never reads.
 */
class MetadumpStreamingTest {

    /** Two parts of the stream and what one scan step may add to each: the bound of a dump's buffers. */
    private static final long BOUND = 2 * 128 * 1024;

    @TempDir
    static Path dataDir;

    private static RunningNode node;
    private static long dumpBytes;

    @BeforeAll
    static void start() throws Exception {
        TestUsers.add(dataDir, "root", "root-pw", "ADMIN");
        TestUsers.add(dataDir, "reader", "reader-pw", "cart:read");
        TestUsers.add(dataDir, "nobody", "nobody-pw");
        NodeConfig config = new NodeConfig("127.0.0.1", RunningNode.freePort(), 512L << 20, 1 << 20, 1024, 2,
                Duration.ZERO, false, dataDir);
        node = RunningNode.start(config.withTls(config.tls().disabled()), Clock.system());
        try (RawClient root = as("root")) {
            String value = "v".repeat(1024);
            StringBuilder batch = new StringBuilder();
            for (int i = 0; i < ITEMS; i++) {
                String key = key(i);
                batch.append("set ").append(key).append(" 0 0 1024 noreply\r\n").append(value).append("\r\n");
                dumpBytes += ("key=" + key + " exp=-1 la=1700000000 cas=" + (i + 1)
                        + " fetch=no cls=1 size=1312 flags=0\n").length();
                if (batch.length() > 1 << 20) {
                    root.send(batch.toString());
                    batch.setLength(0);
                }
            }
            root.send(batch.toString());
            assertThat(root.call("mn\r\n", "MN")).isEqualTo("MN\r\n");
        }
    }

    @AfterAll
    static void stop() {
        node.close();
    }

    @Test
    void aDumpNobodyReadsHoldsAFewPartsAndTheOthersAreBusy() throws Exception {
        try (RawClient stalled = stalledClient("root"); RawClient other = as("root"); RawClient reader = as("reader")) {
            long writtenBefore = bytesWritten(other);
            stalled.send("lru_crawler metadump all\r\n");
            await().atMost(Duration.ofSeconds(10)).until(() -> node.server().connections().pendingWriteBytes() > 0
                    || bytesWritten(other) - writtenBefore > BOUND);
            // the dump stops where the socket stops taking it, and holds a couple of parts
            await().during(Duration.ofMillis(500)).atMost(Duration.ofSeconds(10)).untilAsserted(() ->
                    assertThat(node.server().connections().pendingWriteBytes()).isLessThan(BOUND));
            assertThat(bytesWritten(other) - writtenBefore).as("bytes of the dump handed to the socket")
                    .isLessThan(dumpBytes / 2);

            // one dump at a time, whoever asks; the crawl control too; the rest is served
            assertThat(other.call("lru_crawler metadump all\r\n", BUSY.strip())).isEqualTo(BUSY);
            assertThat(other.call("lru_crawler metadump hash\r\n", BUSY.strip())).isEqualTo(BUSY);
            assertThat(other.call("lru_crawler crawl all\r\n", BUSY.strip())).isEqualTo(BUSY);
            assertThat(reader.call("lru_crawler metadump 1\r\n", BUSY.strip())).isEqualTo(BUSY);
            assertThat(reader.call("get " + key(0) + "\r\n", "END")).startsWith("VALUE " + key(0) + " 0 1024\r\n");

            // a command sent behind the dump waits for it, then gets its reply after END
            stalled.send("mn\r\n");
            Set<String> keys = readDump(stalled);
            assertThat(keys).hasSize(ITEMS);
            assertThat(stalled.readLine()).isEqualTo("MN\r\n");
        }
        try (RawClient root = as("root")) {
            assertThat(root.call("lru_crawler crawl all\r\n", "OK")).isEqualTo("OK\r\n");
        }
    }

    @Test
    void aReaderOfCartListsEveryCartKeyOnceAndNothingElse() throws Exception {
        try (RawClient reader = as("reader")) {
            reader.send("lru_crawler metadump all\r\n");
            Set<String> keys = readDump(reader);
            assertThat(keys).hasSize(ITEMS / 2).allMatch(key -> key.startsWith("cart."));
        }
    }

    @Test
    void whoMayReadNoNamespaceMayNotDump() throws Exception {
        try (RawClient nobody = as("nobody")) {
            assertThat(nobody.call("lru_crawler metadump all\r\n", "CLIENT_ERROR permission denied"))
                    .isEqualTo("CLIENT_ERROR permission denied\r\n");
        }
    }

    @Test
    void aDumpWhoseClientLeavesGivesTheCrawlerBack() throws Exception {
        RawClient leaving = stalledClient("root");
        leaving.send("lru_crawler metadump all\r\n");
        try (RawClient other = as("root")) {
            await().atMost(Duration.ofSeconds(10)).until(() -> oneLine(other, "lru_crawler crawl all").startsWith("BUSY"));
            leaving.close();
            await().atMost(Duration.ofSeconds(10)).until(() -> oneLine(other, "lru_crawler crawl all").startsWith("OK"));
            other.send("lru_crawler metadump all\r\n");
            assertThat(readDump(other)).hasSize(ITEMS);
        }
    }

    private static String oneLine(RawClient client, String request) throws IOException {
        return client.send(request + "\r\n").readLine();
    }

    private static RawClient as(String user) throws IOException {
        return logIn(new RawClient(node.port()), user);
    }

    /** A client whose socket takes next to nothing before the server must stop writing to it. */
    private static RawClient stalledClient(String user) throws IOException {
        return logIn(new RawClient(stalledSocket(node.port())), user);
    }

    private static RawClient logIn(RawClient client, String user) throws IOException {
        assertThat(client.login(user, user + "-pw")).isEqualTo("STORED");
        return client;
    }
}
