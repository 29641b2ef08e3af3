package io.memcluster.server.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.spotify.folsom.AsciiMemcacheClient;
import com.spotify.folsom.MemcacheAuthenticationException;
import com.spotify.folsom.MemcacheClientBuilder;
import com.spotify.folsom.MemcacheStatus;
import com.spotify.folsom.client.tls.DefaultSSLEngineFactory;
import io.memcluster.server.RunningNode;
import io.memcluster.server.TestTls;
import io.memcluster.server.TestUsers;
import io.memcluster.time.Clock;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.TimeUnit;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * folsom, the Java client that speaks TLS and memcached's text login, against a node with TLS
 * and auth on: its own {@code withUsernamePassword} and {@code withSSLEngineFactory}.
 */
class FolsomTlsTest {

    @TempDir
    static Path dataDir;

    private static RunningNode node;

    @BeforeAll
    static void start() {
        TestUsers.add(dataDir, "foo", "bar", "ADMIN");
        TestUsers.add(dataDir, "reader", "reader-pw", "cart:read");
        node = RunningNode.start(RunningNode.secureConfig(dataDir), Clock.system());
    }

    @AfterAll
    static void stop() {
        node.close();
    }

    @Test
    void setGetDeleteOverTlsWithALogin() throws Exception {
        AsciiMemcacheClient<String> client = connect("foo", "bar", 1);
        try {
            assertThat(await(client.set("folsom.greeting", "hello over TLS", 0))).isEqualTo(MemcacheStatus.OK);
            assertThat(await(client.get("folsom.greeting"))).isEqualTo("hello over TLS");
            assertThat(await(client.incr("folsom.counter", 1))).isNull();
            assertThat(await(client.set("folsom.counter", "41", 0))).isEqualTo(MemcacheStatus.OK);
            assertThat(await(client.incr("folsom.counter", 1))).isEqualTo(42L);
            assertThat(await(client.delete("folsom.greeting"))).isEqualTo(MemcacheStatus.OK);
            assertThat(await(client.get("folsom.greeting"))).isNull();
        } finally {
            client.shutdown();
        }
    }

    /** Many small replies in flight at once: what stalled folsom over TLS before its wrap-size fix. */
    @Test
    void pipelinedRequestsOverTlsAllComplete() throws Exception {
        AsciiMemcacheClient<String> client = connect("foo", "bar", 2);
        try {
            List<CompletionStage<MemcacheStatus>> sets = new ArrayList<>();
            for (int i = 0; i < 2000; i++) {
                sets.add(client.set("pipe." + i, "value-" + i, 0));
            }
            for (CompletionStage<MemcacheStatus> set : sets) {
                assertThat(await(set)).isEqualTo(MemcacheStatus.OK);
            }
            List<CompletionStage<String>> gets = new ArrayList<>();
            for (int i = 0; i < 2000; i++) {
                gets.add(client.get("pipe." + i));
            }
            for (int i = 0; i < 2000; i++) {
                assertThat(await(gets.get(i))).isEqualTo("value-" + i);
            }
            List<String> keys = IntStream.range(0, 100).mapToObj(i -> "pipe." + i).toList();
            assertThat(await(client.get(keys))).hasSize(100).doesNotContainNull().contains("value-99");
        } finally {
            client.shutdown();
        }
    }

    @Test
    void readerReadsCartButCannotWriteIt() throws Exception {
        AsciiMemcacheClient<String> admin = connect("foo", "bar", 1);
        AsciiMemcacheClient<String> reader = connect("reader", "reader-pw", 1);
        try {
            assertThat(await(admin.set("cart.folsom", "in the cart", 0))).isEqualTo(MemcacheStatus.OK);
            assertThat(await(reader.get("cart.folsom"))).isEqualTo("in the cart");
            // folsom reports every CLIENT_ERROR reply as an authentication exception, without its text
            assertThatThrownBy(() -> await(reader.set("cart.folsom", "changed", 0)))
                    .hasCauseInstanceOf(MemcacheAuthenticationException.class);
            assertThat(await(admin.get("cart.folsom"))).isEqualTo("in the cart");
        } finally {
            admin.shutdown();
            reader.shutdown();
        }
    }

    @Test
    void wrongPasswordNeverConnects() {
        AsciiMemcacheClient<String> client = builder("foo", "wrong", 1).connectAscii();
        try {
            assertThatThrownBy(() -> client.awaitFullyConnected(10, TimeUnit.SECONDS)).isNotNull();
            assertThat(client.isConnected()).isFalse();
        } finally {
            client.shutdown();
        }
    }

    private static AsciiMemcacheClient<String> connect(String user, String password, int connections)
            throws Exception {
        AsciiMemcacheClient<String> client = builder(user, password, connections).connectAscii();
        client.awaitFullyConnected(20, TimeUnit.SECONDS);
        return client;
    }

    private static MemcacheClientBuilder<String> builder(String user, String password, int connections) {
        return MemcacheClientBuilder.newStringClient()
                .withAddress("localhost", node.port())
                .withConnections(connections)
                .withRequestTimeoutMillis(10_000)
                .withSSLEngineFactory(new DefaultSSLEngineFactory(TestTls.trusting(TestTls.ca(dataDir)), true))
                .withUsernamePassword(user, password);
    }

    private static <T> T await(CompletionStage<T> stage) throws Exception {
        return stage.toCompletableFuture().get(20, TimeUnit.SECONDS);
    }

}
