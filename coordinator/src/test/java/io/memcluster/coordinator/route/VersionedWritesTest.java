package io.memcluster.coordinator.route;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.memcluster.coordinator.RunningCluster;
import io.memcluster.coordinator.ring.RingNode;
import io.memcluster.protocol.Command;
import io.memcluster.protocol.CommandEncoder;
import io.memcluster.protocol.MetaFlags;
import io.memcluster.protocol.MetaStatus;
import io.memcluster.protocol.Reply;
import io.memcluster.testkit.RawClient;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Every write through the coordinator carries its version to every replica, as the item's CAS,
 * and replaces or removes only what is older ({@code V}); a client's own version far in the
 * future is refused.
 */
class VersionedWritesTest {

    private static byte[] bytes(String text) {
        return text.getBytes(StandardCharsets.US_ASCII);
    }

    private static String encoded(Command command) {
        ByteBuf out = Unpooled.buffer();
        try {
            CommandEncoder.write(command, out);
            return out.toString(StandardCharsets.US_ASCII);
        } finally {
            out.release();
        }
    }

    @Test
    void setsCopiesAndDeletesGoToTheNodesVersioned() {
        assertThat(encoded(NodeRequests.set(bytes("k"), 3, 60, bytes("v"), 42))).isEqualTo("ms k 1 F3 T60 E42 V\r\nv\r\n");
        assertThat(encoded(NodeRequests.delete(bytes("k"), false, 43))).isEqualTo("md k E43 V\r\n");
        Reply.Meta fetched = new Reply.Meta(MetaStatus.VA, List.of("f5", "t-1", "c44"), bytes("vv"));
        assertThat(encoded(NodeRequests.copy(bytes("k"), fetched, false))).isEqualTo("ms k 2 F5 T0 E44 V\r\nvv\r\n");
        // the decision of an add on the first replica keeps memcached's meaning: no V
        assertThat(encoded(NodeRequests.store('E', bytes("k"), 0, 0, bytes("v"), 45))).isEqualTo("ms k 1 F0 T0 ME E45\r\nv\r\n");
        assertThat(NodeRequests.versioned(MetaFlags.builder().flag('V')).build().has('V')).isTrue();
    }

    @Test
    void everyReplicaHoldsTheVersionThatGetsReturnsAsCas() throws Exception {
        try (RunningCluster cluster = RunningCluster.start(3, 2);
                RawClient client = new RawClient(cluster.port())) {
            assertThat(client.call("set same 0 0 1\r\na\r\n", "STORED")).isEqualTo("STORED\r\n");
            String cas = casOf(client, "same");
            for (int node : replicasOf(cluster, "same")) {
                try (RawClient direct = new RawClient(cluster.node(node).port())) {
                    assertThat(line(direct, "mg same c v\r\n")).as("node-%d", node + 1)
                            .startsWith("VA 1 c" + cas + "\r\n");
                }
            }
            assertThat(line(client, "delete same\r\n")).isEqualTo("DELETED\r\n");
            assertThat(line(client, "delete same\r\n")).isEqualTo("NOT_FOUND\r\n");
            assertThat(line(client, "md same\r\n")).isEqualTo("NF\r\n");
        }
    }

    @Test
    void casWorksAfterThePrimaryStopsWithTheCasTakenBefore() throws Exception {
        try (RunningCluster cluster = RunningCluster.start(3, 2);
                RawClient client = new RawClient(cluster.port())) {
            assertThat(client.call("set moved 0 0 1\r\na\r\n", "STORED")).isEqualTo("STORED\r\n");
            String cas = casOf(client, "moved");
            int primary = replicasOf(cluster, "moved")[0];
            cluster.node(primary).close();
            await().atMost(Duration.ofSeconds(10))
                    .until(() -> !cluster.coordinator().cluster().pools().get(primary).isUp());
            assertThat(casOf(client, "moved")).as("the other replica has the same version").isEqualTo(cas);
            assertThat(line(client, "cas moved 0 0 1 " + cas + "\r\nb\r\n")).isEqualTo("STORED\r\n");
            assertThat(client.call("get moved\r\n", "END")).isEqualTo("VALUE moved 0 1\r\nb\r\nEND\r\n");
        }
    }

    @Test
    void aClientVersionFurtherAheadThanTheSkewIsRefusedAndCounted() throws Exception {
        try (RunningCluster cluster = RunningCluster.start(2, 2);
                RawClient client = new RawClient(cluster.port())) {
            long farAhead = (System.currentTimeMillis() + 60_000) << 16;
            assertThat(line(client, "ms ahead 1 E" + farAhead + "\r\nv\r\n"))
                    .isEqualTo("CLIENT_ERROR version too far ahead of the coordinator's clock\r\n");
            assertThat(line(client, "md ahead E" + farAhead + "\r\n"))
                    .isEqualTo("CLIENT_ERROR version too far ahead of the coordinator's clock\r\n");
            assertThat(line(client, "mg ahead v\r\n")).as("nothing was written").isEqualTo("EN\r\n");
            assertThat(client.call("stats\r\n", "END")).contains("STAT versions_refused_ahead 2\r\n");

            // within the skew: stored as given, and the coordinator's next versions stay above it
            long near = (System.currentTimeMillis() + 200) << 16;
            assertThat(line(client, "ms near 1 E" + near + "\r\nv\r\n")).isEqualTo("HD\r\n");
            assertThat(casOf(client, "near")).isEqualTo(Long.toUnsignedString(near));
            assertThat(client.call("set after 0 0 1\r\nv\r\n", "STORED")).isEqualTo("STORED\r\n");
            assertThat(Long.parseUnsignedLong(casOf(client, "after"))).isGreaterThan(near);
        }
    }

    /** A one-line reply. */
    static String line(RawClient client, String request) throws Exception {
        client.send(request);
        return client.readLine();
    }

    static String casOf(RawClient client, String key) throws Exception {
        String reply = client.call("gets " + key + "\r\n", "END");
        String header = reply.lines().findFirst().orElseThrow();
        assertThat(header).as(reply).startsWith("VALUE " + key + " ");
        return header.split(" ")[4];
    }

    /** The key's replicas as node indexes, primary first. */
    static int[] replicasOf(RunningCluster cluster, String key) {
        List<RingNode> replicas = cluster.coordinator().cluster().ring().replicasFor(bytes(key), 2);
        return replicas.stream().mapToInt(node -> Integer.parseInt(node.name().substring(5)) - 1).toArray();
    }
}
