package io.memcluster.server.it;

import static org.assertj.core.api.Assertions.assertThat;

import io.memcluster.server.RunningNode;
import java.net.InetSocketAddress;
import java.util.List;
import java.util.Map;
import net.rubyeye.xmemcached.GetsResponse;
import net.rubyeye.xmemcached.MemcachedClient;
import net.rubyeye.xmemcached.XMemcachedClientBuilder;
import net.rubyeye.xmemcached.command.TextCommandFactory;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** xmemcached, the other widely used Java client, with its own pipelining. */
class XmemcachedTest {

    private static RunningNode node;
    private static MemcachedClient client;

    @BeforeAll
    static void start() throws Exception {
        node = RunningNode.start();
        XMemcachedClientBuilder builder = new XMemcachedClientBuilder(
                List.of(new InetSocketAddress("127.0.0.1", node.port())));
        builder.setCommandFactory(new TextCommandFactory());
        builder.setConnectionPoolSize(2);
        client = builder.build();
        client.setOpTimeout(5000);
    }

    @AfterAll
    static void stop() throws Exception {
        client.shutdown();
        node.close();
    }

    @Test
    void setGetAndDelete() throws Exception {
        assertThat(client.set("xm.a", 0, "alpha")).isTrue();
        assertThat((String) client.get("xm.a")).isEqualTo("alpha");
        assertThat(client.delete("xm.a")).isTrue();
        assertThat((Object) client.get("xm.a")).isNull();
    }

    @Test
    void getsAndCas() throws Exception {
        client.set("xm.cas", 0, "one");
        GetsResponse<String> seen = client.gets("xm.cas");
        assertThat(client.cas("xm.cas", 0, "two", seen.getCas())).isTrue();
        assertThat(client.cas("xm.cas", 0, "three", seen.getCas())).isFalse();
        assertThat((String) client.get("xm.cas")).isEqualTo("two");
    }

    @Test
    void bulkGetOverManyKeys() throws Exception {
        for (int i = 0; i < 200; i++) {
            client.set("xm.bulk." + i, 0, "v" + i);
        }
        List<String> keys = new java.util.ArrayList<>();
        for (int i = 0; i < 250; i++) {
            keys.add("xm.bulk." + i);
        }
        Map<String, String> found = client.get(keys);
        assertThat(found).hasSize(200).containsEntry("xm.bulk.199", "v199");
    }

    @Test
    void incrDecrTouchAndFlush() throws Exception {
        assertThat(client.incr("xm.n", 1, 41)).isEqualTo(41);
        assertThat(client.incr("xm.n", 1)).isEqualTo(42);
        assertThat(client.decr("xm.n", 50)).isZero();
        assertThat(client.touch("xm.n", 100)).isTrue();
        client.flushAll();
        assertThat((Object) client.get("xm.n")).isNull();
    }

    @Test
    void versionNamesProtocolLevelOneSix() throws Exception {
        Map<InetSocketAddress, String> versions = client.getVersions();
        assertThat(versions.values()).singleElement().asString().startsWith("1.6.").contains("memcluster");
    }
}
