package io.memcluster.coordinator.hint;

import static java.nio.charset.StandardCharsets.US_ASCII;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.memcluster.config.ClusterConfig;
import io.memcluster.config.HintsConfig;
import io.memcluster.config.MemclusterConfig;
import io.memcluster.coordinator.RunningCluster;
import io.memcluster.coordinator.link.NodePool;
import io.memcluster.protocol.Command;
import io.memcluster.protocol.MetaFlags;
import io.memcluster.server.LogCapture;
import io.memcluster.server.RunningNode;
import io.memcluster.testkit.RawClient;
import io.memcluster.time.Clock;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.Test;

/**
 * Two nodes, each key on both: one stops (its snapshot keeps what it had), writes and deletes go
 * on through the coordinator, the node comes back, and the hints bring it what it missed, so that
 * once the other node stops it alone answers with the new values, without the deleted keys.
 */
class HintedHandoffTest {

    private static final int KEYS = 60;
    private static final Duration WAIT = Duration.ofSeconds(20);

    @Test
    void aReturningNodeGetsTheWritesAndDeletesItMissedWithTheirVersions() throws Exception {
        try (LogCapture log = new LogCapture(); RunningCluster cluster = RunningCluster.start(2, 2)) {
            HintedHandoff hints = cluster.coordinator().cluster().hints();
            try (RawClient client = new RawClient(cluster.port())) {
                for (int i = 0; i < KEYS; i++) {
                    assertThat(client.call("set old." + i + " 0 0 3\r\nold\r\n", "STORED")).isEqualTo("STORED\r\n");
                }
            }
            RunningNode first = cluster.node(0);
            first.close();
            await().atMost(WAIT).until(() -> !pool(cluster, 0).isUp());

            Map<String, String> casWhileAway = new HashMap<>();
            try (RawClient client = new RawClient(cluster.port())) {
                for (int i = 0; i < KEYS; i++) {
                    // the replies are those of a cluster without hints
                    assertThat(client.call("set new." + i + " 5 0 3\r\nnew\r\n", "STORED")).isEqualTo("STORED\r\n");
                    if (i % 2 == 0) {
                        assertThat(client.call("delete old." + i + "\r\n", "DELETED")).isEqualTo("DELETED\r\n");
                    } else {
                        assertThat(client.call("set old." + i + " 0 0 7\r\nchanged\r\n", "STORED"))
                                .isEqualTo("STORED\r\n");
                    }
                }
                for (int i = 0; i < KEYS; i++) {
                    casWhileAway.put("new." + i, cas(client.call("gets new." + i + "\r\n", "END")));
                }
            }
            assertThat(hints.counts(0).queued()).as("a set and a delete or set per key").isEqualTo(2L * KEYS);
            assertThat(hints.counts(1).queued()).isZero();
            assertThat(hints.needsDigestCatchUp(0)).isFalse();

            try (RunningNode again = RunningNode.start(first.config(), Clock.system())) {
                await().atMost(WAIT).until(() -> pool(cluster, 0).isUp());
                await().atMost(WAIT).until(() -> hints.totals().queued() == 0 && !hints.replaying(0));
                assertThat(hints.counts(0).replayed()).isEqualTo(2L * KEYS);

                cluster.node(1).close();
                await().atMost(WAIT).until(() -> !pool(cluster, 1).isUp());
                try (RawClient client = new RawClient(cluster.port())) {
                    for (int i = 0; i < KEYS; i++) {
                        String reply = client.call("gets new." + i + "\r\n", "END");
                        assertThat(reply).as("new.%d from the returned node alone", i)
                                .startsWith("VALUE new." + i + " 5 3 ").endsWith("\r\nnew\r\nEND\r\n");
                        assertThat(cas(reply)).as("the version the other replica had").isEqualTo(
                                casWhileAway.get("new." + i));
                        String old = client.call("get old." + i + "\r\n", "END");
                        if (i % 2 == 0) {
                            assertThat(old).as("old.%d was deleted while the node was away", i).isEqualTo("END\r\n");
                        } else {
                            assertThat(old).isEqualTo("VALUE old." + i + " 0 7\r\nchanged\r\nEND\r\n");
                        }
                    }
                    String stats = client.call("stats\r\n", "END");
                    assertThat(stats).contains("STAT hints_queued 0\r\n", "STAT hints_replayed " + 2 * KEYS + "\r\n",
                            "STAT hints_dropped_overflow 0\r\n", "STAT hints_dropped_expired 0\r\n");
                    assertThat(client.call("stats hints\r\n", "END")).contains("STAT node-1:replayed " + 2 * KEYS
                            + "\r\n", "STAT node-1:needs_digest_catch_up 0\r\n");
                }
                String node = "hint replay to node " + pool(cluster, 0).address();
                assertThat(log.lines()).anySatisfy(line -> assertThat(line).contains(node + " started: "))
                        .anySatisfy(line -> assertThat(line).contains(node + " done: ").contains(" replayed in "))
                        .noneSatisfy(line -> assertThat(line).containsAnyOf("old.", "new."));
            }
        }
    }

    @Test
    void aFullLogNeverFailsAClientWriteAndMarksTheNodeForCatchUp() throws Exception {
        try (RunningCluster cluster = RunningCluster.start(2, 2, hints(new HintsConfig(true, 4096,
                HintsConfig.DEFAULT_MAX_AGE)))) {
            HintedHandoff hints = cluster.coordinator().cluster().hints();
            cluster.node(0).close();
            await().atMost(WAIT).until(() -> !pool(cluster, 0).isUp());
            try (RawClient client = new RawClient(cluster.port())) {
                for (int i = 0; i < 50; i++) {
                    assertThat(client.call("set big." + i + " 0 0 1000\r\n" + "x".repeat(1000) + "\r\n", "STORED"))
                            .isEqualTo("STORED\r\n");
                }
                String stats = client.call("stats\r\n", "END");
                assertThat(stats).contains("STAT hints_queued 3\r\n", "STAT hints_dropped_overflow 47\r\n");
            }
            assertThat(hints.totals().bytes()).isLessThanOrEqualTo(4096);
            assertThat(hints.needsDigestCatchUp(0)).isTrue();
            assertThat(hints.needsDigestCatchUp(1)).isFalse();
            hints.clearDigestCatchUp(0);
            assertThat(hints.needsDigestCatchUp(0)).isFalse();
        }
    }

    @Test
    void withHintsOffNothingIsKeptAndTheNodeNeedsACatchUp() throws Exception {
        try (RunningCluster cluster = RunningCluster.start(2, 2, hints(HintsConfig.defaults().disabled()))) {
            HintedHandoff hints = cluster.coordinator().cluster().hints();
            cluster.node(1).close();
            await().atMost(WAIT).until(() -> !pool(cluster, 1).isUp());
            try (RawClient client = new RawClient(cluster.port())) {
                assertThat(client.call("set k 0 0 1\r\nv\r\n", "STORED")).isEqualTo("STORED\r\n");
                assertThat(client.call("delete k\r\n", "DELETED")).isEqualTo("DELETED\r\n");
            }
            assertThat(hints.totals()).isEqualTo(HintLog.Counts.ZERO);
            assertThat(hints.needsDigestCatchUp(1)).isTrue();
        }
    }

    @Test
    void aWriteNoReplicaTookLeavesNoHint() throws Exception {
        try (RunningCluster cluster = RunningCluster.start(1, 1)) {
            HintedHandoff hints = cluster.coordinator().cluster().hints();
            cluster.node(0).close();
            await().atMost(WAIT).until(() -> !pool(cluster, 0).isUp());
            try (RawClient client = new RawClient(cluster.port())) {
                client.send("set k 0 0 1\r\nv\r\n");
                assertThat(client.readLine()).startsWith("SERVER_ERROR");
            }
            assertThat(hints.totals().queued()).as("the client was told it failed").isZero();
            assertThat(hints.needsDigestCatchUp(0)).isFalse();
        }
    }

    @Test
    void aReplicaWithHintsToReceiveIsReadAfterItsPeers() throws Exception {
        try (RunningCluster cluster = RunningCluster.start(2, 2)) {
            HintedHandoff hints = cluster.coordinator().cluster().hints();
            String key = keyWithPrimary(cluster, "node-1");
            try (RawClient client = new RawClient(cluster.port())) {
                assertThat(client.call("set " + key + " 0 0 3\r\nold\r\n", "STORED")).isEqualTo("STORED\r\n");
            }
            try (RawClient second = new RawClient(cluster.node(1).port())) {
                assertThat(second.call("set " + key + " 0 0 3\r\nnew\r\n", "STORED")).isEqualTo("STORED\r\n");
            }
            // a hint node-1 answers SERVER_ERROR to (too large for it) keeps it behind for a few rounds
            MetaFlags flags = MetaFlags.builder().newCas(cluster.coordinator().cluster().versions().next()).flag('V')
                    .build();
            hints.record(0, new Command.MetaSet("huge".getBytes(US_ASCII), new byte[2 << 20], flags));
            assertThat(hints.behind(0)).isTrue();

            try (RawClient client = new RawClient(cluster.port())) {
                assertThat(client.call("get " + key + "\r\n", "END")).as("from node-2, node-1 being behind")
                        .isEqualTo("VALUE " + key + " 0 3\r\nnew\r\nEND\r\n");
                await().atMost(WAIT).until(() -> !hints.behind(0));
                assertThat(hints.counts(0).droppedRefused()).isEqualTo(1);
            }
            // the hint given up started a digest pass, which mends node-1 with node-2's newer copy
            try (RawClient first = new RawClient(cluster.node(0).port())) {
                await().atMost(WAIT).until(() -> first.call("get " + key + "\r\n", "END")
                        .equals("VALUE " + key + " 0 3\r\nnew\r\nEND\r\n"));
            }
        }
    }

    /** A key whose first replica is {@code node}. */
    private static String keyWithPrimary(RunningCluster cluster, String node) {
        for (int i = 0; i < 1000; i++) {
            String key = "k" + i;
            if (cluster.coordinator().cluster().ring().replicasFor(key.getBytes(US_ASCII), 2).get(0).name()
                    .equals(node)) {
                return key;
            }
        }
        throw new AssertionError("no key on " + node + " first in 1000");
    }

    private static UnaryOperator<MemclusterConfig> hints(HintsConfig hints) {
        return config -> {
            ClusterConfig cluster = config.cluster().withHints(hints);
            return new MemclusterConfig(config.node(), config.coordinator(), cluster);
        };
    }

    private static NodePool pool(RunningCluster cluster, int node) {
        return cluster.coordinator().cluster().pools().get(node);
    }

    /** The CAS of a gets reply's one VALUE line. */
    private static String cas(String reply) {
        String[] words = reply.substring(0, reply.indexOf("\r\n")).split(" ");
        assertThat(words).as("a VALUE line with a CAS: " + words[0]).hasSize(5);
        return words[4];
    }
}
