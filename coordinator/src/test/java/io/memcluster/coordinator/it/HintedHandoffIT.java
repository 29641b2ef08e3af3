package io.memcluster.coordinator.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.memcluster.coordinator.lifecycle.LifecycleCluster;
import io.memcluster.testkit.RawClient;
import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Hinted handoff between real processes (three local nodes, R=2, all_live): node-2 stops, keys
 * are written and deleted through the coordinator, node-2 is started again by {@code up} with
 * the snapshot it wrote at its stop, and once the coordinator reports no hints queued, node-1 and
 * node-3 are killed: node-2 alone then serves every write it missed, and none of the keys
 * deleted while it was away.
 */
@Timeout(value = 4, unit = TimeUnit.MINUTES)
class HintedHandoffIT {

    private static final int KEYS = 150;
    /** node-2, index 1: the node that misses the writes. */
    private static final int AWAY = 1;
    private static final Duration WAIT = Duration.ofSeconds(30);

    /** A cluster of its own: this test stops and kills its nodes. */
    @RegisterExtension
    final UpCluster up = UpCluster.withoutLogins();

    @Test
    void aNodeBackFromAStopServesAloneWhatItMissed() throws Exception {
        LifecycleCluster cluster = up.cluster();
        int port = up.plainPort();
        try (RawClient client = new RawClient(port)) {
            for (int i = 0; i < KEYS; i++) {
                assertThat(client.call("set old." + i + " 0 0 3\r\nold\r\n", "STORED")).isEqualTo("STORED\r\n");
            }
        }

        // SIGTERM: node-2 writes its snapshot, so it comes back with the keys deleted meanwhile
        ProcessHandle away = ProcessHandle.of(cluster.nodePid(AWAY)).orElseThrow();
        assertThat(away.destroy()).as("SIGTERM sent to node-2").isTrue();
        away.onExit().get(30, TimeUnit.SECONDS);
        await("node-2 reported down").atMost(WAIT).pollInterval(Duration.ofMillis(50))
                .until(() -> "down".equals(CoordinatorStats.nodeStates(port).get("node-2")));

        try (RawClient client = new RawClient(port)) {
            for (int i = 0; i < KEYS; i++) {
                assertThat(client.call("set new." + i + " 0 0 " + ("new-" + i).length() + "\r\nnew-" + i + "\r\n",
                        "STORED")).isEqualTo("STORED\r\n");
                if (i % 2 == 0) {
                    assertThat(client.call("delete old." + i + "\r\n", "DELETED")).isEqualTo("DELETED\r\n");
                } else {
                    assertThat(client.call("set old." + i + " 0 0 7\r\nchanged\r\n", "STORED")).isEqualTo("STORED\r\n");
                }
            }
        }
        Map<String, String> general = stats(port);
        assertThat(Long.parseLong(general.get("hints_queued"))).as("hints kept for node-2").isPositive();
        assertThat(general).containsEntry("hints_dropped_overflow", "0").containsEntry("hints_dropped_expired", "0");

        LifecycleCluster.Run again = cluster.run("up");
        assertThat(again.exit()).as(again::transcript).isZero();
        cluster.track(again.pidOf("node-2", "started"));
        await("node-2 up again").atMost(WAIT).pollInterval(Duration.ofMillis(50))
                .until(() -> "up".equals(CoordinatorStats.nodeStates(port).get("node-2")));
        await("every hint replayed").atMost(WAIT).pollInterval(Duration.ofMillis(50))
                .until(() -> "0".equals(stats(port).get("hints_queued"))
                        && "0".equals(hintsOf(port).get("node-2:replaying")));
        assertThat(Long.parseLong(stats(port).get("hints_replayed"))).isPositive();

        List<String> onNode2 = new ArrayList<>();
        for (String prefix : new String[] {"old.", "new."}) {
            for (int i = 0; i < KEYS; i++) {
                String key = prefix + i;
                if (CoordinatorStats.route(port, key).stream().anyMatch(copy -> copy.node().equals("node-2"))) {
                    onNode2.add(key);
                }
            }
        }
        assertThat(onNode2).as("keys with a replica on node-2").hasSizeGreaterThan(KEYS / 4);

        for (int other : new int[] {0, 2}) {
            ProcessHandle node = ProcessHandle.of(cluster.nodePid(other)).orElseThrow();
            assertThat(node.destroyForcibly()).isTrue();
            node.onExit().get(30, TimeUnit.SECONDS);
        }
        await("node-1 and node-3 reported down").atMost(WAIT).pollInterval(Duration.ofMillis(50))
                .until(() -> {
                    Map<String, String> states = CoordinatorStats.nodeStates(port);
                    return "down".equals(states.get("node-1")) && "down".equals(states.get("node-3"));
                });

        Map<String, String> served = StoredValues.of(port, onNode2);
        Map<String, String> expected = new HashMap<>();
        for (String key : onNode2) {
            int i = Integer.parseInt(key.substring(4));
            if (key.startsWith("new.")) {
                expected.put(key, "new-" + i);
            } else if (i % 2 == 1) {
                expected.put(key, "changed");
            }
        }
        assertThat(served).as("what node-2 alone serves: the writes it missed, not the keys deleted meanwhile")
                .isEqualTo(expected);
    }

    private static Map<String, String> stats(int port) throws IOException {
        return lines(port, "stats");
    }

    private static Map<String, String> hintsOf(int port) throws IOException {
        return lines(port, "stats hints");
    }

    private static Map<String, String> lines(int port, String request) throws IOException {
        Map<String, String> lines = new HashMap<>();
        try (RawClient client = new RawClient(port)) {
            for (String line : client.call(request + "\r\n", "END").split("\r\n")) {
                String[] words = line.split(" ");
                if (words.length == 3 && words[0].equals("STAT")) {
                    lines.put(words[1], words[2]);
                }
            }
        }
        return lines;
    }
}
