package io.memcluster.server.net;

import static io.memcluster.testkit.LargeGets.bytesWritten;
import static io.memcluster.testkit.LargeMetadump.ITEMS;
import static io.memcluster.testkit.LargeMetadump.cartReaderIsListedOnlyCartKeys;
import static io.memcluster.testkit.LargeMetadump.dumpIsRefused;
import static io.memcluster.testkit.LargeMetadump.key;
import static io.memcluster.testkit.LargeMetadump.othersAreBusy;
import static io.memcluster.testkit.LargeMetadump.readDump;
import static io.memcluster.testkit.LargeMetadump.stalledSocket;
import static io.memcluster.testkit.LargeMetadump.store;
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
            store(root, "v".repeat(1024));
        }
        for (int i = 0; i < ITEMS; i++) {
            dumpBytes += ("key=" + key(i) + " exp=-1 la=1700000000 cas=" + (i + 1)
                    + " fetch=no cls=1 size=1312 flags=0\n").length();
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
            othersAreBusy(other, reader);
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
            cartReaderIsListedOnlyCartKeys(reader);
        }
    }

    @Test
    void whoMayReadNoNamespaceMayNotDump() throws Exception {
        try (RawClient nobody = as("nobody")) {
            dumpIsRefused(nobody);
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
