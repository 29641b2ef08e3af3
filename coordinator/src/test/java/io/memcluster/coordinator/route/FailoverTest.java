package io.memcluster.coordinator.route;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.memcluster.config.WritePolicy;
import io.memcluster.coordinator.RunningCluster;
import io.memcluster.coordinator.link.NodePool;
import io.memcluster.coordinator.ring.RingNode;
import io.memcluster.testkit.RawClient;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * A node that stops: its keys stay readable and writable on their other replica (all_live), or
 * refuse writes that cannot reach a majority (quorum); it is marked down, skipped, and up again
 * once a probe finds it back.
 */
class FailoverTest {

    private static final int KEYS = 200;

    private static NodePool pool(RunningCluster cluster, int node) {
        return cluster.coordinator().cluster().pools().get(node);
    }

    /** Whether {@code key} has a replica on node {@code index} ("node-1" is 0). */
    private static boolean onNode(RunningCluster cluster, String key, int index) {
        List<RingNode> replicas = cluster.coordinator().cluster().ring()
                .replicasFor(key.getBytes(StandardCharsets.US_ASCII), 2);
        return replicas.stream().anyMatch(node -> Integer.parseInt(node.name().substring(5)) - 1 == index);
    }

    @Test
    void withOneNodeOfThreeGoneEveryKeyStaysReadableAndWritable() throws Exception {
        try (RunningCluster cluster = RunningCluster.start(3, 2)) {
            try (RawClient client = new RawClient(cluster.port())) {
                for (int i = 0; i < KEYS; i++) {
                    assertThat(client.call("set fo." + i + " 0 0 1\r\nv\r\n", "STORED")).isEqualTo("STORED\r\n");
                }
            }
            cluster.node(1).close();
            await().atMost(Duration.ofSeconds(10)).until(() -> !pool(cluster, 1).isUp());
            try (RawClient client = new RawClient(cluster.port())) {
                for (int i = 0; i < KEYS; i++) {
                    assertThat(client.call("get fo." + i + "\r\n", "END"))
                            .as("key %d (on the stopped node: %s)", i, onNode(cluster, "fo." + i, 1))
                            .isEqualTo("VALUE fo." + i + " 0 1\r\nv\r\nEND\r\n");
                    assertThat(client.call("set fo." + i + " 0 0 1\r\nw\r\n", "STORED")).isEqualTo("STORED\r\n");
                    assertThat(client.call("incr n." + i + " 1\r\n", "NOT_FOUND")).isEqualTo("NOT_FOUND\r\n");
                }
                assertThat(client.call("stats nodes\r\n", "END")).contains(" down\r\n");
            }
        }
    }

    @Test
    void quorumRefusesAWriteThatCannotReachAMajority() throws Exception {
        try (RunningCluster cluster = RunningCluster.start(3, 2, WritePolicy.QUORUM, Duration.ofSeconds(1))) {
            cluster.node(0).close();
            await().atMost(Duration.ofSeconds(10)).until(() -> !pool(cluster, 0).isUp());
            int refused = 0;
            try (RawClient client = new RawClient(cluster.port())) {
                for (int i = 0; i < 50; i++) {
                    String key = "q." + i;
                    client.send("set " + key + " 0 0 1\r\nv\r\n");
                    String reply = client.readLine();
                    if (onNode(cluster, key, 0)) {
                        refused++;
                        assertThat(reply).startsWith("SERVER_ERROR write reached 1 of 2 replicas, quorum needs 2")
                                .contains("node-1 down");
                    } else {
                        assertThat(reply).isEqualTo("STORED\r\n");
                    }
                }
            }
            assertThat(refused).as("some keys had a replica on the stopped node").isPositive();
        }
    }

    @Test
    void aNodeBackOnItsPortIsProbedUpAndUsedAgain() throws Exception {
        try (RunningCluster cluster = RunningCluster.start(2, 2)) {
            int port = cluster.node(0).port();
            cluster.node(0).close();
            await().atMost(Duration.ofSeconds(10)).until(() -> !pool(cluster, 0).isUp());
            try (var again = io.memcluster.server.RunningNode.start(
                    cluster.node(0).config(), io.memcluster.time.Clock.system())) {
                assertThat(again.port()).isEqualTo(port);
                await().atMost(Duration.ofSeconds(15)).until(() -> pool(cluster, 0).isUp());
                try (RawClient client = new RawClient(cluster.port())) {
                    assertThat(client.call("set back 0 0 1\r\nx\r\n", "STORED")).isEqualTo("STORED\r\n");
                }
                assertThat(again.server().store().peek("back".getBytes(StandardCharsets.US_ASCII))).isNotNull();
            }
        }
    }
}
