package io.memcluster.coordinator.route;

import static io.memcluster.testkit.LargeMetadump.BUSY;
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

import io.memcluster.coordinator.RunningCluster;
import io.memcluster.coordinator.link.NodePool;
import io.memcluster.server.TestUsers;
import io.memcluster.testkit.RawClient;
import java.io.IOException;
import java.net.Socket;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 12 through a coordinator: {@code lru_crawler metadump all} collected every node's whole
 * dump and wrote it at once, so a client that never read held the cluster's whole key listing in
 * the coordinator. Now it streams node by node as the client reads, one dump at a time
 * ({@code BUSY} for the others, as memcached), for who may read some namespace, each key once.
 *
 * <p>60,000 keys of 200 bytes with one-byte values on 3 nodes, 2 replicas each: 32 MB of listing
 * across the nodes, a 16 MB dump for the client, several times what loopback sockets take from a
 * client that never reads. The last three tests stop nodes.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class MetadumpThroughCoordinatorTest {

    /**
     * Two parts of the client's stream, each at most 64 KB and then one 64 KB read of a node (and
     * the partial line the decoder carried over): the bound of what a dump holds.
     */
    private static final long BOUND = 2 * 160 * 1024;

    @TempDir
    static Path dataDir;

    private static RunningCluster cluster;

    @BeforeAll
    static void start() throws Exception {
        TestUsers.add(dataDir, "root", "root-pw", "ADMIN");
        TestUsers.add(dataDir, "reader", "reader-pw", "cart:read");
        TestUsers.add(dataDir, "nobody", "nobody-pw");
        cluster = RunningCluster.withLogins(3, 2, dataDir);
        try (RawClient root = as("root")) {
            store(root, "v");
        }
    }

    @AfterAll
    static void stop() {
        cluster.close();
    }

    @Test
    @Order(1)
    void aDumpNobodyReadsHoldsABoundedAmountAndTheOthersAreBusy() throws Exception {
        try (RawClient stalled = stalledClient("root"); RawClient other = as("root"); RawClient reader = as("reader")) {
            stalled.send("lru_crawler metadump all\r\n");
            // the dump stops where the client's socket stops taking it, and holds a couple of parts
            await().atMost(Duration.ofSeconds(10)).until(() -> coordinatorPending() > 0);
            await().during(Duration.ofMillis(500)).atMost(Duration.ofSeconds(10)).untilAsserted(() -> {
                assertThat(coordinatorPending()).as("bytes the coordinator holds for the client").isLessThan(BOUND);
                assertThat(cluster.node(0).server().connections().pendingWriteBytes())
                        .as("bytes the first node holds for the coordinator").isLessThan(BOUND);
            });

            // one dump at a time, whoever asks; the crawl control too; the rest is served
            othersAreBusy(other, reader);
            assertThat(reader.call("get " + key(0) + "\r\n", "END")).startsWith("VALUE " + key(0) + " 0 1\r\n");

            // a command sent behind the dump waits for it, then gets its reply after END
            stalled.send("mn\r\n");
            // a reader at last (a 4 KB window would take a while over 16 MB)
            stalled.socket().setReceiveBufferSize(1 << 20);
            assertThat(readDump(stalled)).hasSize(ITEMS);
            assertThat(stalled.readLine()).isEqualTo("MN\r\n");
        }
        try (RawClient root = as("root")) {
            assertThat(root.call("lru_crawler crawl all\r\n", "OK")).isEqualTo("OK\r\n");
        }
    }

    @Test
    @Order(2)
    void aReaderOfCartListsEveryCartKeyOnceAndNothingElse() throws Exception {
        try (RawClient reader = as("reader")) {
            cartReaderIsListedOnlyCartKeys(reader);
        }
    }

    @Test
    @Order(3)
    void whoMayReadNoNamespaceMayNotDump() throws Exception {
        try (RawClient nobody = as("nobody")) {
            dumpIsRefused(nobody);
        }
    }

    @Test
    @Order(4)
    void aDumpWhoseClientLeavesGivesTheCrawlersBack() throws Exception {
        try (RawClient other = as("root")) {
            RawClient leaving = stalledClient("root");
            try {
                leaving.send("lru_crawler metadump all\r\n");
                await().atMost(Duration.ofSeconds(10)).until(() -> oneLine(other, "lru_crawler crawl all")
                        .startsWith("BUSY"));
            } finally {
                leaving.close();
            }
            await().atMost(Duration.ofSeconds(10)).until(() -> oneLine(other, "lru_crawler crawl all")
                    .startsWith("OK"));
            // and the node it was listing (the node's own dump may be over already: it is ahead)
            for (int i = 0; i < cluster.nodes().size(); i++) {
                try (RawClient node = new RawClient(cluster.node(i).port())) {
                    await().atMost(Duration.ofSeconds(10)).until(() -> oneLine(node, "lru_crawler crawl all")
                            .startsWith("OK"));
                }
            }
            other.send("lru_crawler metadump all\r\n");
            assertThat(readDump(other)).hasSize(ITEMS);
        }
    }

    @Test
    @Order(5)
    void aNodeBusyWithAnotherDumpIsPassedOn() throws Exception {
        // a dump straight at the first node in ring order, as another coordinator's would be
        Socket socket = stalledSocket(cluster.node(0).port());
        try (RawClient direct = new RawClient(socket); RawClient root = as("root")) {
            direct.send("lru_crawler metadump all\r\n");
            await().atMost(Duration.ofSeconds(10)).until(() -> cluster.node(0).server().connections()
                    .pendingWriteBytes() > 0);
            // the coordinator runs no dump of its own: the BUSY below is the node's
            assertThat(oneLine(root, "lru_crawler crawl all")).isEqualTo("OK\r\n");
            assertThat(root.call("lru_crawler metadump all\r\n", BUSY.strip())).isEqualTo(BUSY);
        }
        try (RawClient first = new RawClient(cluster.node(0).port())) {
            await().atMost(Duration.ofSeconds(10)).until(() -> oneLine(first, "lru_crawler crawl all")
                    .startsWith("OK"));
        }
    }

    @Test
    @Order(6)
    void aNodeLostMidDumpEndsTheListingWithAnErrorNotEnd() throws Exception {
        try (RawClient stalled = stalledClient("root")) {
            stalled.send("lru_crawler metadump all\r\n");
            await().atMost(Duration.ofSeconds(10)).until(() -> coordinatorPending() > 0);
            // up when the dump began, gone when its turn comes: its keys would be missing
            cluster.node(2).close();
            String line;
            int listed = 0;
            while ((line = stalled.readLine()).startsWith("key=")) {
                listed++;
            }
            assertThat(listed).isLessThan(ITEMS);
            assertThat(line).startsWith("SERVER_ERROR metadump could not reach every node (node-3 ");
        }
    }

    @Test
    @Order(7)
    void aNodeDownBeforeTheDumpIsLeftOutAndItsKeysComeFromTheirOtherReplica() throws Exception {
        await().atMost(Duration.ofSeconds(10)).until(() -> !pool(2).isUp());
        try (RawClient root = as("root")) {
            root.send("lru_crawler metadump all\r\n");
            assertThat(readDump(root)).hasSize(ITEMS);
        }
    }

    @Test
    @Order(8)
    void asManyNodesDownAsReplicasEndTheDumpWithAnErrorAtOnce() throws Exception {
        cluster.node(1).close();
        await().atMost(Duration.ofSeconds(10)).until(() -> !pool(1).isUp());
        try (RawClient root = as("root")) {
            assertThat(oneLine(root, "lru_crawler metadump all"))
                    .isEqualTo("SERVER_ERROR metadump could not reach every node (node-2 down, node-3 down)\r\n");
            assertThat(oneLine(root, "lru_crawler crawl all")).as("the crawler given back").isEqualTo("OK\r\n");
        }
    }

    private static NodePool pool(int index) {
        return cluster.coordinator().cluster().pools().get(index);
    }

    private static long coordinatorPending() {
        return cluster.coordinator().connections().pendingWriteBytes();
    }

    private static String oneLine(RawClient client, String request) throws IOException {
        return client.send(request + "\r\n").readLine();
    }

    private static RawClient as(String user) throws IOException {
        return logIn(new RawClient(cluster.port()), user);
    }

    /** A client whose socket takes next to nothing before the coordinator must stop writing to it. */
    private static RawClient stalledClient(String user) throws IOException {
        return logIn(new RawClient(stalledSocket(cluster.port())), user);
    }

    private static RawClient logIn(RawClient client, String user) throws IOException {
        assertThat(client.login(user, user + "-pw")).isEqualTo("STORED");
        return client;
    }
}
