package io.memcluster.coordinator.it;

import static org.assertj.core.api.Assertions.assertThat;

import io.memcluster.testkit.Memccapable;
import io.memcluster.testkit.RawClient;
import io.memcluster.testkit.Transcript;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import net.rubyeye.xmemcached.GetsResponse;
import net.rubyeye.xmemcached.XMemcachedClientBuilder;
import net.rubyeye.xmemcached.command.TextCommandFactory;
import net.spy.memcached.CASResponse;
import net.spy.memcached.CASValue;
import net.spy.memcached.ConnectionFactoryBuilder;
import net.spy.memcached.MemcachedClient;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * What a memcached client sees on the coordinator's plain port of a cluster that {@code up}
 * started (three nodes, R=2, logins off): spymemcached and xmemcached, each key on both of its
 * replicas with one CAS; memcached's recorded transcripts; memccapable's 27 tests. One cluster for
 * the class: every test here leaves the processes as it found them.
 */
@Timeout(value = 5, unit = TimeUnit.MINUTES)
class UpClusterPlainPortIT {

    @RegisterExtension
    static final UpCluster up = UpCluster.withoutLogins();

    private static final Set<String> NODES = Set.of("node-1", "node-2", "node-3");

    @Test
    void spymemcachedWritesReachBothReplicasOfEachKeyWithOneCas() throws Exception {
        MemcachedClient client = new MemcachedClient(new ConnectionFactoryBuilder()
                .setProtocol(ConnectionFactoryBuilder.Protocol.TEXT).setOpTimeout(5000).build(),
                List.of(new InetSocketAddress("127.0.0.1", up.plainPort())));
        try {
            List<String> keys = keys("spy.key.");
            for (String key : keys) {
                assertThat(client.set(key, 0, "value of " + key).get(5, TimeUnit.SECONDS)).as(key).isTrue();
            }
            Set<String> holders = new TreeSet<>();
            for (String key : keys) {
                CASValue<Object> seen = client.gets(key);
                assertThat(seen.getValue()).isEqualTo("value of " + key);
                holders.addAll(assertOnBothReplicas(key, seen.getCas()));
            }
            assertThat(holders).as("the keys are spread over every node").isEqualTo(NODES);
            List<String> asked = new ArrayList<>(keys);
            asked.add("spy.never.stored");
            Map<String, Object> found = client.getBulk(asked);
            assertThat(found).hasSize(keys.size()).containsEntry(keys.get(7), "value of " + keys.get(7))
                    .doesNotContainKey("spy.never.stored");

            CASValue<Object> before = client.gets(keys.get(0));
            assertThat(client.cas(keys.get(0), before.getCas(), "changed")).isEqualTo(CASResponse.OK);
            assertThat(client.cas(keys.get(0), before.getCas(), "again")).isEqualTo(CASResponse.EXISTS);
            CASValue<Object> after = client.gets(keys.get(0));
            assertThat(after.getValue()).isEqualTo("changed");
            assertThat(after.getCas()).isNotEqualTo(before.getCas());
            assertOnBothReplicas(keys.get(0), after.getCas());

            assertThat(client.append(0, keys.get(1), " and more").get(5, TimeUnit.SECONDS)).isTrue();
            assertThat(client.prepend(0, keys.get(1), "the ").get(5, TimeUnit.SECONDS)).isTrue();
            assertThat(client.get(keys.get(1))).isEqualTo("the value of " + keys.get(1) + " and more");
            assertOnBothReplicas(keys.get(1), client.gets(keys.get(1)).getCas());
            assertThat(client.add(keys.get(1), 0, "no").get(5, TimeUnit.SECONDS)).isFalse();

            assertThat(client.incr("spy.counter", 1, 10)).isEqualTo(10);
            assertThat(client.incr("spy.counter", 5)).isEqualTo(15);
            assertThat(client.decr("spy.counter", 20)).isZero();
            assertOnBothReplicas("spy.counter", client.gets("spy.counter").getCas());

            assertThat(client.delete(keys.get(2)).get(5, TimeUnit.SECONDS)).isTrue();
            assertThat(client.get(keys.get(2))).isNull();
            assertThat(CoordinatorStats.route(up.plainPort(), keys.get(2))).as("deleted from both replicas")
                    .hasSize(2).allMatch(CoordinatorStats.Copy::missing);
        } finally {
            client.shutdown(5, TimeUnit.SECONDS);
        }
    }

    @Test
    void xmemcachedWritesReachBothReplicasOfEachKeyWithOneCas() throws Exception {
        XMemcachedClientBuilder builder = new XMemcachedClientBuilder(
                List.of(new InetSocketAddress("127.0.0.1", up.plainPort())));
        builder.setCommandFactory(new TextCommandFactory());
        builder.setConnectionPoolSize(2);
        net.rubyeye.xmemcached.MemcachedClient client = builder.build();
        client.setOpTimeout(5000);
        try {
            List<String> keys = keys("xm.key.");
            for (String key : keys) {
                assertThat(client.set(key, 0, "value of " + key)).as(key).isTrue();
            }
            Set<String> holders = new TreeSet<>();
            for (String key : keys) {
                GetsResponse<String> seen = client.gets(key);
                assertThat(seen.getValue()).isEqualTo("value of " + key);
                holders.addAll(assertOnBothReplicas(key, seen.getCas()));
            }
            assertThat(holders).as("the keys are spread over every node").isEqualTo(NODES);
            List<String> asked = new ArrayList<>(keys);
            asked.add("xm.never.stored");
            Map<String, String> found = client.get(asked);
            assertThat(found).hasSize(keys.size()).containsEntry(keys.get(7), "value of " + keys.get(7));

            GetsResponse<String> before = client.gets(keys.get(0));
            assertThat(client.cas(keys.get(0), 0, "changed", before.getCas())).isTrue();
            assertThat(client.cas(keys.get(0), 0, "again", before.getCas())).isFalse();
            GetsResponse<String> after = client.gets(keys.get(0));
            assertThat(after.getValue()).isEqualTo("changed");
            assertOnBothReplicas(keys.get(0), after.getCas());

            assertThat(client.append(keys.get(1), " and more")).isTrue();
            assertThat((String) client.get(keys.get(1))).isEqualTo("value of " + keys.get(1) + " and more");
            assertOnBothReplicas(keys.get(1), client.<String>gets(keys.get(1)).getCas());

            assertThat(client.incr("xm.counter", 1, 41)).isEqualTo(41);
            assertThat(client.incr("xm.counter", 1)).isEqualTo(42);
            assertOnBothReplicas("xm.counter", client.<String>gets("xm.counter").getCas());

            assertThat(client.delete(keys.get(2))).isTrue();
            assertThat((Object) client.get(keys.get(2))).isNull();
            assertThat(CoordinatorStats.route(up.plainPort(), keys.get(2))).as("deleted from both replicas")
                    .hasSize(2).allMatch(CoordinatorStats.Copy::missing);
        } finally {
            client.shutdown();
        }
    }

    /**
     * The transcripts recorded from memcached 1.6.18 and the coordinator's own, which the in-process
     * {@code CoordinatorTranscriptTest} replays too, here over the real processes and their mutual
     * TLS links; both name the nodes as up does, node-1 to node-3.
     */
    @Test
    void recordedTranscriptsReplayAsAgainstOneMemcached() throws Exception {
        List<Transcript> reference = Transcript.load("memcached-reference.txt");
        List<Transcript> coordinator = Transcript.load("coordinator-extensions.txt");
        assertThat(reference).isNotEmpty();
        assertThat(coordinator).isNotEmpty();
        for (Transcript transcript : Stream.concat(reference.stream(),
                coordinator.stream()).toList()) {
            try (RawClient client = new RawClient(up.plainPort())) {
                assertThat(client.call("flush_all\r\n", "OK")).isEqualTo("OK\r\n");
                transcript.replayOn(client);
            }
        }
    }

    @Test
    void memccapablePassesEveryAsciiTest() throws Exception {
        Files.createDirectories(Path.of(System.getProperty("memcluster.it.logs", "target/it-logs")));
        Memccapable.assertAllPass(up.plainPort(), "coordinator-" + up.plainPort(), up::logs);
    }

    /**
     * Asserts that {@code stats route} shows the key on two different nodes that are up, each copy
     * with the CAS the client saw, and returns those nodes.
     */
    private static List<String> assertOnBothReplicas(String key, long cas) throws Exception {
        List<CoordinatorStats.Copy> copies = CoordinatorStats.route(up.plainPort(), key);
        assertThat(copies).as("the replicas of %s", key).hasSize(2)
                .allSatisfy(copy -> assertThat(copy).isEqualTo(new CoordinatorStats.Copy(copy.node(), "up",
                        Long.toString(cas))));
        List<String> nodes = copies.stream().map(CoordinatorStats.Copy::node).toList();
        assertThat(nodes).as("the replicas of %s", key).doesNotHaveDuplicates().allMatch(NODES::contains);
        return nodes;
    }

    private static List<String> keys(String prefix) {
        return IntStream.range(0, 30).mapToObj(i -> prefix + i).toList();
    }
}
