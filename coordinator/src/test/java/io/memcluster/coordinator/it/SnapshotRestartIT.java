package io.memcluster.coordinator.it;

import static org.assertj.core.api.Assertions.assertThat;

import io.memcluster.coordinator.lifecycle.LifecycleCluster;
import io.memcluster.testkit.RawClient;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * What survives a restart of the whole cluster: {@code bin/memcluster snapshot}, then kill -9 of
 * every process and {@code up} again brings back every key with its value and flags; keys written
 * after it survive a {@code down} and {@code up}, as each node writes a final snapshot at SIGTERM.
 */
@Timeout(value = 4, unit = TimeUnit.MINUTES)
class SnapshotRestartIT {

    /** A cluster of its own: this test kills and restarts all of it. */
    @RegisterExtension
    final UpCluster up = UpCluster.withoutLogins();

    /** A value and the flags it was written with. */
    private record Stored(String value, long flags) {
    }

    @Test
    void keysComeBackAfterASnapshotAndAKillAndAfterADown() throws Exception {
        LifecycleCluster cluster = up.cluster();
        Map<String, Stored> before = write(up.plainPort(), "first", 0);

        LifecycleCluster.Run snapshot = cluster.run("snapshot");
        assertThat(snapshot.exit()).as(snapshot::transcript).isZero();
        assertThat(snapshot.out().lines().toList()).as(snapshot::transcript).hasSize(3)
                .allMatch(line -> line.matches("node-[123]: ok, 3 namespaces, \\d+ items, .* in \\d+\\.\\d s"));

        List<ProcessHandle> all = new ArrayList<>();
        all.add(ProcessHandle.of(cluster.coordinatorPid()).orElseThrow());
        for (int i = 0; i < 3; i++) {
            all.add(ProcessHandle.of(cluster.nodePid(i)).orElseThrow());
        }
        for (ProcessHandle process : all) {
            process.destroyForcibly();
        }
        for (ProcessHandle process : all) {
            process.onExit().get(10, TimeUnit.SECONDS);
        }

        upAgain(cluster);
        assertThat(read(up.plainPort(), before.keySet())).as("every key written before the snapshot, after kill -9")
                .isEqualTo(before);
        assertThat(remainingTtl(up.plainPort(), before.keySet().iterator().next()))
                .as("a TTL is kept, not turned into never expires").isBetween(1L, 3600L);

        Map<String, Stored> after = write(up.plainPort(), "second", 1000);
        LifecycleCluster.Run down = cluster.run("down");
        assertThat(down.exit()).as(down::transcript).isZero();
        upAgain(cluster);
        Map<String, Stored> both = new LinkedHashMap<>(before);
        both.putAll(after);
        assertThat(read(up.plainPort(), both.keySet())).as("keys written after the snapshot, after down and up")
                .isEqualTo(both);
    }

    private static void upAgain(LifecycleCluster cluster) throws Exception {
        LifecycleCluster.Run again = cluster.run("up");
        assertThat(again.exit()).as(again::transcript).isZero();
        cluster.track(again.pidOf("coordinator", "started"));
        for (int i = 0; i < 3; i++) {
            cluster.track(again.pidOf("node-" + (i + 1), "started"));
        }
    }

    /** 60 keys in three namespaces (cart, orders and the default one), with flags and a TTL. */
    private static Map<String, Stored> write(int port, String round, int firstFlags) throws Exception {
        Map<String, Stored> written = new LinkedHashMap<>();
        try (RawClient client = new RawClient(port)) {
            for (int i = 0; i < 20; i++) {
                for (String prefix : new String[] {"cart.", "orders.", ""}) {
                    String key = prefix + round + "-" + i;
                    String value = round + " value " + i + " of " + (prefix.isEmpty() ? "default" : prefix);
                    long flags = firstFlags + i;
                    int ttl = i % 2 == 0 ? 3600 : 0;
                    client.send("set " + key + " " + flags + " " + ttl + " " + value.length() + "\r\n" + value + "\r\n");
                    assertThat(client.readLine()).isEqualTo("STORED\r\n");
                    written.put(key, new Stored(value, flags));
                }
            }
        }
        return written;
    }

    private static Map<String, Stored> read(int port, Iterable<String> keys) throws Exception {
        Map<String, Stored> found = new LinkedHashMap<>();
        try (RawClient client = new RawClient(port)) {
            for (String key : keys) {
                client.send("get " + key + "\r\n");
                String header = client.readLine();
                if (header.equals("END\r\n")) {
                    continue;
                }
                String[] parts = header.strip().split(" ");
                assertThat(parts).as(header).hasSize(4);
                int length = Integer.parseInt(parts[3]);
                String data = client.read(length + 2);
                found.put(key, new Stored(data.substring(0, length), Long.parseLong(parts[2])));
                assertThat(client.readLine()).isEqualTo("END\r\n");
            }
        }
        return found;
    }

    /** The key's remaining TTL in seconds as {@code mg <key> t} gives it (-1: never expires). */
    private static long remainingTtl(int port, String key) throws Exception {
        try (RawClient client = new RawClient(port)) {
            client.send("mg " + key + " t\r\n");
            String reply = client.readLine().strip();
            assertThat(reply).as(reply).startsWith("HD t");
            return Long.parseLong(reply.substring("HD t".length()));
        }
    }
}
