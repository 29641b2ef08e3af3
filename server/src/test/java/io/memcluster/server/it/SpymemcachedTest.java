package io.memcluster.server.it;

import static org.assertj.core.api.Assertions.assertThat;

import io.memcluster.server.RunningNode;
import io.memcluster.time.ManualClock;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import net.spy.memcached.CASResponse;
import net.spy.memcached.CASValue;
import net.spy.memcached.ConnectionFactoryBuilder;
import net.spy.memcached.MemcachedClient;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** spymemcached, the most common Java client, against a node on a loopback port. */
class SpymemcachedTest {

    private static final ManualClock clock = new ManualClock();
    private static RunningNode node;
    private static MemcachedClient client;

    @BeforeAll
    static void start() throws Exception {
        node = RunningNode.start(64L << 20, 1 << 20, 1024, Duration.ZERO, false, clock);
        client = new MemcachedClient(new ConnectionFactoryBuilder()
                .setProtocol(ConnectionFactoryBuilder.Protocol.TEXT)
                .setOpTimeout(5000)
                .build(), List.of(new InetSocketAddress("127.0.0.1", node.port())));
    }

    @AfterAll
    static void stop() {
        client.shutdown(5, TimeUnit.SECONDS);
        node.close();
    }

    @Test
    void setGetDeleteRoundTripsStringsAndObjects() throws Exception {
        assertThat(client.set("spy.greeting", 0, "hello world").get()).isTrue();
        assertThat(client.get("spy.greeting")).isEqualTo("hello world");
        assertThat(client.set("spy.list", 0, List.of(1, 2, 3)).get()).isTrue();
        assertThat(client.get("spy.list")).isEqualTo(List.of(1, 2, 3));
        assertThat(client.delete("spy.greeting").get()).isTrue();
        assertThat(client.get("spy.greeting")).isNull();
        assertThat(client.delete("spy.greeting").get()).isFalse();
    }

    @Test
    void largeValuesAreCompressedByTheClientAndComeBackWhole() throws Exception {
        String big = "x".repeat(500_000);
        assertThat(client.set("spy.big", 0, big).get()).isTrue();
        assertThat(client.get("spy.big")).isEqualTo(big);
    }

    @Test
    void addReplaceAppendPrependFollowTheirConditions() throws Exception {
        assertThat(client.add("spy.cond", 0, "a").get()).isTrue();
        assertThat(client.add("spy.cond", 0, "b").get()).isFalse();
        assertThat(client.replace("spy.cond", 0, "c").get()).isTrue();
        assertThat(client.replace("spy.absent", 0, "c").get()).isFalse();
        assertThat(client.append(0, "spy.cond", "d").get()).isTrue();
        assertThat(client.prepend(0, "spy.cond", "b").get()).isTrue();
        assertThat(client.get("spy.cond")).isEqualTo("bcd");
    }

    @Test
    void casSucceedsOnceAndThenReportsExists() throws Exception {
        client.set("spy.cas", 0, "v1").get();
        CASValue<Object> seen = client.gets("spy.cas");
        assertThat(client.cas("spy.cas", seen.getCas(), "v2")).isEqualTo(CASResponse.OK);
        assertThat(client.cas("spy.cas", seen.getCas(), "v3")).isEqualTo(CASResponse.EXISTS);
        assertThat(client.cas("spy.nothing", 1, "v")).isEqualTo(CASResponse.NOT_FOUND);
        assertThat(client.get("spy.cas")).isEqualTo("v2");
    }

    @Test
    void countersIncrementDecrementAndDefault() throws Exception {
        assertThat(client.incr("spy.counter", 5, 10)).isEqualTo(10);
        assertThat(client.incr("spy.counter", 5)).isEqualTo(15);
        assertThat(client.decr("spy.counter", 20)).isZero();
        assertThat(client.incr("spy.nocounter", 1)).isEqualTo(-1);
    }

    @Test
    void multiGetReturnsOnlyTheHits() throws Exception {
        client.set("spy.m1", 0, "one").get();
        client.set("spy.m2", 0, "two").get();
        Map<String, Object> found = client.getBulk("spy.m1", "spy.m2", "spy.m3");
        assertThat(found).containsOnly(Map.entry("spy.m1", "one"), Map.entry("spy.m2", "two"));
    }

    @Test
    void itemsExpireAndTouchExtendsThem() throws Exception {
        client.set("spy.short", 10, "soon gone").get();
        client.set("spy.touched", 10, "kept").get();
        assertThat(client.touch("spy.touched", 100).get()).isTrue();
        clock.advanceSeconds(11);
        assertThat(client.get("spy.short")).isNull();
        assertThat(client.get("spy.touched")).isEqualTo("kept");
    }

    @Test
    void statsUseMemcachedFieldNames() {
        Map<String, String> stats = client.getStats().values().iterator().next();
        assertThat(stats).containsKeys("pid", "uptime", "curr_connections", "cmd_get", "cmd_set", "get_hits",
                "get_misses", "cas_hits", "cas_misses", "cas_badval", "bytes", "curr_items", "limit_maxbytes",
                "evictions", "threads");
        assertThat(stats.get("limit_maxbytes")).isEqualTo(String.valueOf(64L << 20));
    }
}
