package io.memcluster.coordinator.route;

import static org.assertj.core.api.Assertions.assertThat;

import io.memcluster.coordinator.RunningCluster;
import io.memcluster.server.RunningNode;
import io.memcluster.testkit.RawClient;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * {@code memcluster snapshot}, {@code stats snapshots} and {@code memcluster flush_namespace}
 * through a coordinator of two nodes (every key on both): each node's lines under its name, the
 * cluster's verdict after them, and a node that is gone named as failed rather than left out.
 */
class SnapshotsThroughCoordinatorTest {

    private RunningCluster cluster;

    @BeforeEach
    void start() throws Exception {
        cluster = RunningCluster.start(2, 2);
        try (RawClient client = client()) {
            client.call("set cart.1 7 0 1\r\na\r\n", "STORED");
            client.call("set cart.2 7 0 1\r\nb\r\n", "STORED");
            client.call("set orders.1 0 0 2\r\nxy\r\n", "STORED");
        }
    }

    @AfterEach
    void stop() {
        cluster.close();
    }

    private RawClient client() throws Exception {
        return new RawClient(cluster.port());
    }

    /** The STAT lines of a listing by name, in order. */
    private static Map<String, String> stats(String listing) {
        Map<String, String> lines = new LinkedHashMap<>();
        for (String line : listing.split("\r\n")) {
            if (line.startsWith("STAT ")) {
                String[] parts = line.split(" ", 3);
                lines.put(parts[1], parts.length > 2 ? parts[2] : "");
            }
        }
        return lines;
    }

    @Test
    void aSnapshotAnswersWithEveryNodesLinesUnderItsName() throws Exception {
        try (RawClient client = client()) {
            String reply = client.call("memcluster snapshot\r\n", "END");
            Map<String, String> lines = stats(reply);
            for (String node : new String[] {"node-1", "node-2"}) {
                assertThat(lines).containsEntry(node + ":cart:status", "written")
                        .containsEntry(node + ":cart:items", "2")
                        .containsEntry(node + ":orders:items", "1")
                        .containsEntry(node + ":items", "3")
                        .containsEntry(node + ":result", "ok")
                        .containsKey(node + ":duration_ms");
            }
            assertThat(lines).containsEntry("nodes", "2").containsEntry("failed_nodes", "0")
                    .containsEntry("result", "ok");
            assertThat(reply).endsWith("STAT result ok\r\nEND\r\n");
        }
    }

    @Test
    void aSnapshotOfOneNamespaceWritesOnlyThatOne() throws Exception {
        try (RawClient client = client()) {
            Map<String, String> lines = stats(client.call("memcluster snapshot orders\r\n", "END"));
            assertThat(lines).containsEntry("node-1:orders:items", "1").containsEntry("node-2:orders:items", "1")
                    .doesNotContainKey("node-1:cart:items").containsEntry("result", "ok");
        }
    }

    @Test
    void aNodeThatIsGoneIsNamedAsFailedAndTheSnapshotAsFailed() throws Exception {
        cluster.node(1).close();
        try (RawClient client = client()) {
            String reply = client.call("memcluster snapshot\r\n", "END");
            Map<String, String> lines = stats(reply);
            assertThat(lines).containsEntry("node-1:result", "ok").containsEntry("node-1:cart:items", "2")
                    .containsEntry("node-2:result", "failed").containsKey("node-2:error")
                    .containsEntry("nodes", "2").containsEntry("failed_nodes", "1").containsEntry("result", "failed");
            assertThat(lines.get("node-2:error")).isNotBlank();
            assertThat(reply).endsWith("STAT result failed\r\nEND\r\n");
        }
    }

    @Test
    void statsSnapshotsPrefixesEachNodeAndGivesTheOldestAgeToAlertOn() throws Exception {
        try (RawClient client = client()) {
            client.call("memcluster snapshot\r\n", "END");
            String reply = client.call("stats snapshots\r\n", "END");
            Map<String, String> lines = stats(reply);
            for (String node : new String[] {"node-1", "node-2"}) {
                assertThat(lines).containsEntry(node + ":runs", "1").containsEntry(node + ":last_result", "ok")
                        .containsEntry(node + ":cart:items", "2").containsKey(node + ":oldest_age")
                        .containsKey(node + ":interval");
            }
            long largest = Math.max(Long.parseLong(lines.get("node-1:oldest_age")),
                    Long.parseLong(lines.get("node-2:oldest_age")));
            assertThat(Long.parseLong(lines.get("oldest_age"))).isEqualTo(largest);
            assertThat(lines).containsEntry("nodes", "2").containsEntry("nodes_failing", "0");
            assertThat(reply).endsWith("END\r\n");
        }
    }

    @Test
    void statsSnapshotsCountsANodeThatDoesNotAnswerAsFailing() throws Exception {
        cluster.node(0).close();
        try (RawClient client = client()) {
            Map<String, String> lines = stats(client.call("stats snapshots\r\n", "END"));
            assertThat(lines).containsEntry("node-1:result", "failed").containsKey("node-1:error")
                    .containsKey("node-2:oldest_age").containsEntry("nodes_failing", "1");
        }
    }

    @Test
    void flushNamespaceEmptiesItOnEveryNodeAndLeavesTheOthers() throws Exception {
        try (RawClient client = client()) {
            assertThat(client.call("memcluster flush_namespace cart\r\n", "OK")).isEqualTo("OK\r\n");
            assertThat(client.call("get cart.1 cart.2 orders.1\r\n", "END"))
                    .isEqualTo("VALUE orders.1 0 2\r\nxy\r\nEND\r\n");
            // noreply: nothing comes back, and the next command's reply is the next line
            client.send("memcluster flush_namespace orders noreply\r\n");
            client.send("version\r\n");
            assertThat(client.readLine()).startsWith("VERSION ");
        }
        for (RunningNode node : cluster.nodes()) {
            assertThat(node.server().store().peek(bytes("cart.1"))).isNull();
            assertThat(node.server().store().peek(bytes("cart.2"))).isNull();
            assertThat(node.server().store().peek(bytes("orders.1"))).isNull();
        }
    }

    @Test
    void flushNamespaceWithANodeGoneSaysHowManyNodesItReached() throws Exception {
        cluster.node(1).close();
        try (RawClient client = client()) {
            // the coordinator may not yet know the node is gone: whether down or failed, it is named
            client.send("memcluster flush_namespace cart\r\n");
            assertThat(client.readLine()).startsWith("SERVER_ERROR flush_namespace reached 1 of 2 nodes (node-2 ");
        }
        assertThat(cluster.node(0).server().store().peek(bytes("cart.1"))).isNull();
        assertThat(cluster.node(0).server().store().peek(bytes("orders.1"))).isNotNull();
    }

    @Test
    void aMalformedFlushNamespaceIsRefusedWithItsUsage() throws Exception {
        try (RawClient client = client()) {
            client.send("memcluster flush_namespace no.dots\r\n");
            assertThat(client.readLine()).startsWith("CLIENT_ERROR usage: memcluster flush_namespace <namespace>");
        }
    }

    private static byte[] bytes(String key) {
        return key.getBytes(StandardCharsets.ISO_8859_1);
    }
}
