package io.memcluster.coordinator.route;

import static io.memcluster.coordinator.route.VersionedWritesTest.line;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.memcluster.coordinator.RunningCluster;
import io.memcluster.coordinator.ring.RingNode;
import io.memcluster.testkit.RawClient;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Digest catch-up against real nodes: a replica that lost its data, missed writes or missed
 * deletes is found by comparing digests with its peers and gets exactly what it lacks, as
 * versioned writes that never overwrite anything newer.
 */
class CatchUpTest {

    private static final int KEYS = 600;

    @Test
    void aReplicaThatLostEverythingGetsBackEachOfItsKeysWithItsVersion() throws Exception {
        try (RunningCluster cluster = RunningCluster.start(3, 2);
                RawClient client = new RawClient(cluster.port())) {
            awaitStartRuns(cluster);
            for (int i = 0; i < KEYS; i++) {
                assertThat(client.call("set k" + i + " 7 0 2\r\nv" + (i % 10) + "\r\n", "STORED")).isEqualTo("STORED\r\n");
            }
            try (RawClient node1 = new RawClient(cluster.node(0).port())) {
                assertThat(line(node1, "flush_all\r\n")).isEqualTo("OK\r\n");
            }
            CatchUpProgress progress = catchUp(cluster, 0);
            assertThat(progress.lastOutcome()).isEqualTo("done");
            List<String> onNode1 = keysOf(cluster, 0);
            assertThat(progress.keysCopied()).isEqualTo(onNode1.size());
            assertThat(onNode1.size()).as("about 2/3 of the keys live on each node").isBetween(KEYS / 3, KEYS);
            try (RawClient node1 = new RawClient(cluster.node(0).port())) {
                for (String key : onNode1) {
                    String cas = VersionedWritesTest.casOf(client, key);
                    assertThat(lines(node1, "mg " + key + " v f c\r\n", 2))
                            .isEqualTo("VA 2 f7 c" + cas + "\r\nv" + key.substring(key.length() - 1) + "\r\n");
                }
            }
            // and a second run finds nothing left to do
            CatchUpProgress again = catchUp(cluster, 0);
            assertThat(again.keysCopied() + again.deletesCopied()).isZero();
            assertThat(again.segmentsDiffering()).isZero();
        }
    }

    @Test
    void missedWritesAndDeletesArriveAndNothingNewerIsOverwritten() throws Exception {
        try (RunningCluster cluster = RunningCluster.start(3, 2);
                RawClient client = new RawClient(cluster.port())) {
            awaitStartRuns(cluster);
            String written = keyOn(cluster, 0, 1, "w");
            String deleted = keyOn(cluster, 0, 1, "d");
            String newerHere = keyOn(cluster, 0, 1, "n");
            for (String key : List.of(written, deleted, newerHere)) {
                client.call("set " + key + " 0 0 3\r\nold\r\n", "STORED");
            }
            long base = Long.parseUnsignedLong(VersionedWritesTest.casOf(client, newerHere));
            try (RawClient node1 = new RawClient(cluster.node(0).port());
                    RawClient node2 = new RawClient(cluster.node(1).port())) {
                // what the coordinator would have sent node-2 while node-1 was away
                assertThat(line(node2, "ms " + written + " 3 E" + (base + 10) + " V\r\nnew\r\n")).isEqualTo("HD\r\n");
                assertThat(line(node2, "md " + deleted + " E" + (base + 11) + " V\r\n")).isEqualTo("HD\r\n");
                // and a write node-1 has that node-2 missed, newer than node-2's
                assertThat(line(node1, "ms " + newerHere + " 5 E" + (base + 12) + " V\r\nnewer\r\n"))
                        .isEqualTo("HD\r\n");

                CatchUpProgress progress = catchUp(cluster, 0);
                assertThat(progress.lastOutcome()).isEqualTo("done");
                assertThat(lines(node1, "mg " + written + " v\r\n", 2)).isEqualTo("VA 3\r\nnew\r\n");
                assertThat(line(node1, "mg " + deleted + " v\r\n")).as("the missed delete").isEqualTo("EN\r\n");
                assertThat(lines(node2, "mg " + newerHere + " v\r\n", 2)).as("copied the other way")
                        .isEqualTo("VA 5\r\nnewer\r\n");
                assertThat(progress.keysCopied()).isEqualTo(2);
                assertThat(progress.deletesCopied()).isEqualTo(1);
            }
            assertThat(client.call("stats catchup\r\n", "END")).contains("STAT node-1:last_outcome done\r\n")
                    .contains("STAT node-1:deletes_copied 1\r\n");
            assertThat(client.call("stats\r\n", "END")).contains("STAT catchup_running 0\r\n");
        }
    }

    @Test
    void readsGoToTheOtherReplicaFirstWhileOneCatchesUp() throws Exception {
        try (RunningCluster cluster = RunningCluster.start(3, 2);
                RawClient client = new RawClient(cluster.port())) {
            awaitStartRuns(cluster);
            String key = keyOn(cluster, 0, 1, "r");
            client.call("set " + key + " 0 0 1\r\na\r\n", "STORED");
            try (RawClient node1 = new RawClient(cluster.node(0).port())) {
                node1.call("flush_all\r\n", "OK");
            }
            Cluster routing = cluster.coordinator().cluster();
            int primary = routing.ringReplicasOf(bytes(key), new int[2]) == 2 ? 0 : -1;
            assertThat(primary).isZero();
            routing.catchingUp(0, true);
            try {
                assertThat(client.call("get " + key + "\r\n", "END")).isEqualTo("VALUE " + key + " 0 1\r\na\r\nEND\r\n");
                assertThat(client.call("stats nodes\r\n", "END")).contains(" catching-up\r\n");
            } finally {
                routing.catchingUp(0, false);
            }
            assertThat(client.call("get " + key + "\r\n", "END")).as("node-1 first again, and empty")
                    .isEqualTo("END\r\n");
        }
    }

    /** The runs of the coordinator's start (each node's first up) are over. */
    private static void awaitStartRuns(RunningCluster cluster) {
        CatchUp runs = cluster.coordinator().cluster().catchUp();
        await().atMost(Duration.ofSeconds(20)).until(() -> {
            for (int i = 0; i < cluster.nodes().size(); i++) {
                if (runs.progress(i).running() || cluster.coordinator().cluster().pools().get(i).isCatchingUp()) {
                    return false;
                }
            }
            return true;
        });
    }

    /** Node {@code index} caught up, as the coordinator does when it comes back; the run's progress. */
    private static CatchUpProgress catchUp(RunningCluster cluster, int index) {
        CatchUp runs = cluster.coordinator().cluster().catchUp();
        long before = runs.progress(index).runs();
        runs.nodeUp("node-" + (index + 1), "test");
        await().atMost(Duration.ofSeconds(20)).until(() -> runs.progress(index).runs() > before
                && !cluster.coordinator().cluster().pools().get(index).isCatchingUp());
        return runs.progress(index);
    }

    /** A key whose replicas are exactly nodes {@code a} and {@code b}, primary {@code a}. */
    private static String keyOn(RunningCluster cluster, int a, int b, String prefix) {
        for (int i = 0; ; i++) {
            String key = prefix + i;
            List<RingNode> replicas = cluster.coordinator().cluster().ring().replicasFor(bytes(key), 2);
            if (replicas.get(0).name().equals("node-" + (a + 1)) && replicas.get(1).name().equals("node-" + (b + 1))) {
                return key;
            }
        }
    }

    /** The keys k0.. whose replicas include node {@code index}. */
    private static List<String> keysOf(RunningCluster cluster, int index) {
        List<String> keys = new ArrayList<>();
        for (int i = 0; i < KEYS; i++) {
            String key = "k" + i;
            if (cluster.coordinator().cluster().ring().replicasFor(bytes(key), 2).stream()
                    .anyMatch(node -> node.name().equals("node-" + (index + 1)))) {
                keys.add(key);
            }
        }
        return keys;
    }

    /** {@code count} reply lines. */
    private static String lines(RawClient client, String request, int count) throws Exception {
        client.send(request);
        StringBuilder reply = new StringBuilder();
        for (int i = 0; i < count; i++) {
            reply.append(client.readLine());
        }
        return reply.toString();
    }

    private static byte[] bytes(String key) {
        return key.getBytes(StandardCharsets.US_ASCII);
    }
}
