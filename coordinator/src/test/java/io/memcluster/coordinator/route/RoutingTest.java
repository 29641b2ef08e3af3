package io.memcluster.coordinator.route;

import static org.assertj.core.api.Assertions.assertThat;

import io.memcluster.coordinator.RunningCluster;
import io.memcluster.coordinator.ring.RingNode;
import io.memcluster.server.RunningNode;
import io.memcluster.server.store.Item;
import io.memcluster.testkit.RawClient;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Where the coordinator puts what clients write, looked at on the nodes themselves: each key on
 * exactly its R replicas with one version as CAS, read-modify-writes decided once and copied,
 * multi-key gets split over the nodes and answered in the order asked.
 */
class RoutingTest {

    private static RunningCluster cluster;

    @BeforeAll
    static void start() {
        cluster = RunningCluster.start(3, 2);
    }

    @AfterAll
    static void stop() {
        cluster.close();
    }

    @BeforeEach
    void flush() throws Exception {
        try (RawClient client = client()) {
            assertThat(client.call("flush_all\r\n", "OK")).isEqualTo("OK\r\n");
        }
    }

    private static RawClient client() throws Exception {
        return new RawClient(cluster.port());
    }

    /** The node holding each replica of {@code key}, in ring order. */
    private static List<RunningNode> replicas(String key) {
        List<RunningNode> nodes = new ArrayList<>();
        for (RingNode node : cluster.coordinator().cluster().ring().replicasFor(bytes(key), 2)) {
            nodes.add(cluster.node(Integer.parseInt(node.name().substring(5)) - 1));
        }
        return nodes;
    }

    private static Item on(RunningNode node, String key) {
        return node.server().store().peek(bytes(key));
    }

    private static String value(Item item) {
        return new String(item.data(), item.valueOffset(), item.valueLength(), StandardCharsets.ISO_8859_1);
    }

    @Test
    void aSetLandsOnExactlyItsReplicasWithOneVersion() throws Exception {
        for (int i = 0; i < 50; i++) {
            String key = "spread." + i;
            try (RawClient client = client()) {
                assertThat(client.call("set " + key + " 7 0 2\r\nhi\r\n", "STORED")).isEqualTo("STORED\r\n");
            }
            List<RunningNode> replicas = replicas(key);
            Item first = on(replicas.get(0), key);
            Item second = on(replicas.get(1), key);
            assertThat(value(first)).isEqualTo("hi");
            assertThat(value(second)).isEqualTo("hi");
            assertThat(first.flags()).isEqualTo(7);
            assertThat(second.cas()).as("the same version on both replicas").isEqualTo(first.cas());
            long copies = cluster.nodes().stream().filter(node -> on(node, key) != null).count();
            assertThat(copies).as("%s on R nodes, no more", key).isEqualTo(2);
        }
    }

    @Test
    void incrIsDecidedOnceAndItsResultCopied() throws Exception {
        try (RawClient client = client()) {
            client.call("set counter 3 0 2\r\n10\r\n", "STORED");
            for (int i = 0; i < 5; i++) {
                client.send("incr counter 5\r\n");
                assertThat(client.readLine()).isEqualTo((15 + 5 * i) + "\r\n");
            }
            client.send("decr counter 100\r\n");
            assertThat(client.readLine()).isEqualTo("0\r\n");
        }
        for (RunningNode replica : replicas("counter")) {
            Item item = on(replica, "counter");
            assertThat(value(item).strip()).isEqualTo("0");
            assertThat(item.flags()).as("incr keeps the flags").isEqualTo(3);
        }
        assertThat(on(replicas("counter").get(1), "counter").cas())
                .isEqualTo(on(replicas("counter").get(0), "counter").cas());
    }

    @Test
    void appendAndPrependReachEveryReplica() throws Exception {
        try (RawClient client = client()) {
            client.call("set list 9 0 1\r\nb\r\n", "STORED");
            assertThat(client.call("append list 0 0 1\r\nc\r\n", "STORED")).isEqualTo("STORED\r\n");
            assertThat(client.call("prepend list 0 0 1\r\na\r\n", "STORED")).isEqualTo("STORED\r\n");
            assertThat(client.call("append nothing 0 0 1\r\nc\r\n", "NOT_STORED")).isEqualTo("NOT_STORED\r\n");
            assertThat(client.call("get list\r\n", "END")).isEqualTo("VALUE list 9 3\r\nabc\r\nEND\r\n");
        }
        for (RunningNode replica : replicas("list")) {
            assertThat(value(on(replica, "list"))).isEqualTo("abc");
        }
    }

    @Test
    void addAndCasAreDecidedOnTheFirstReplica() throws Exception {
        try (RawClient client = client()) {
            assertThat(client.call("add once 0 0 1\r\n1\r\n", "STORED")).isEqualTo("STORED\r\n");
            assertThat(client.call("add once 0 0 1\r\n2\r\n", "NOT_STORED")).isEqualTo("NOT_STORED\r\n");
            String gets = client.call("gets once\r\n", "END");
            String cas = gets.split("\r\n")[0].split(" ")[4];
            assertThat(client.call("cas once 0 0 1 " + cas + "\r\n3\r\n", "STORED")).isEqualTo("STORED\r\n");
            assertThat(client.call("cas once 0 0 1 " + cas + "\r\n4\r\n", "EXISTS")).isEqualTo("EXISTS\r\n");
        }
        for (RunningNode replica : replicas("once")) {
            assertThat(value(on(replica, "once"))).isEqualTo("3");
        }
    }

    @Test
    void aMultiGetOverManyNodesAnswersInTheOrderAsked() throws Exception {
        StringBuilder get = new StringBuilder("get");
        StringBuilder expected = new StringBuilder();
        try (RawClient client = client()) {
            for (int i = 0; i < 40; i++) {
                if (i % 3 != 0) {
                    client.call("set mk." + i + " 0 0 " + Integer.toString(i).length() + "\r\n" + i + "\r\n", "STORED");
                    expected.append("VALUE mk.").append(i).append(" 0 ").append(Integer.toString(i).length())
                            .append("\r\n").append(i).append("\r\n");
                }
                get.append(" mk.").append(i);
            }
            assertThat(client.call(get + "\r\n", "END")).isEqualTo(expected + "END\r\n");
        }
    }

    @Test
    void deleteRemovesEveryCopy() throws Exception {
        try (RawClient client = client()) {
            client.call("set gone 0 0 1\r\nx\r\n", "STORED");
            assertThat(client.call("delete gone\r\n", "DELETED")).isEqualTo("DELETED\r\n");
            assertThat(client.call("delete gone\r\n", "NOT_FOUND")).isEqualTo("NOT_FOUND\r\n");
        }
        assertThat(cluster.nodes()).allSatisfy(node -> assertThat(on(node, "gone")).isNull());
    }

    @Test
    void metadumpListsEachKeyOnceThoughItIsOnTwoNodes() throws Exception {
        try (RawClient client = client()) {
            for (int i = 0; i < 30; i++) {
                client.call("set dump." + i + " 0 0 1\r\nx\r\n", "STORED");
            }
            String dump = client.call("lru_crawler metadump all\r\n", "END");
            List<String> keys = dump.lines().filter(line -> line.startsWith("key=")).map(line -> line.split(" ")[0])
                    .toList();
            assertThat(keys).hasSize(30).doesNotHaveDuplicates();
        }
    }

    @Test
    void statsSumTheNodesAndDescribeTheCoordinator() throws Exception {
        try (RawClient client = client()) {
            client.call("set s.1 0 0 1\r\nx\r\n", "STORED");
            String stats = client.call("stats\r\n", "END");
            assertThat(stats).contains("STAT pid " + ProcessHandle.current().pid() + "\r\n")
                    .contains("STAT curr_items 2\r\n")
                    .contains("STAT cluster_nodes 3\r\n", "STAT cluster_nodes_up 3\r\n",
                            "STAT cluster_replication_factor 2\r\n")
                    .contains("STAT cmd_set ", "STAT cas_hits ", "STAT cas_misses ", "STAT cas_badval ");
            assertThat(client.call("stats settings\r\n", "END")).contains("STAT tcpport " + cluster.port() + "\r\n");
            assertThat(client.call("stats items\r\n", "END")).contains("STAT items:1:number 2\r\n");
            assertThat(client.call("stats slabs\r\n", "END")).contains("STAT active_slabs 1\r\n");
        }
    }

    private static byte[] bytes(String s) {
        return s.getBytes(StandardCharsets.ISO_8859_1);
    }
}
