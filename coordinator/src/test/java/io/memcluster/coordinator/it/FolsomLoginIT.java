package io.memcluster.coordinator.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import com.spotify.folsom.AsciiMemcacheClient;
import com.spotify.folsom.MemcacheAuthenticationException;
import com.spotify.folsom.MemcacheClientBuilder;
import com.spotify.folsom.MemcacheStatus;
import com.spotify.folsom.client.tls.DefaultSSLEngineFactory;
import io.memcluster.coordinator.lifecycle.LifecycleCluster;
import io.memcluster.server.TestTls;
import io.memcluster.testkit.RawClient;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.TimeUnit;
import java.util.stream.IntStream;
import javax.net.ssl.SSLContext;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * folsom, the Java client that speaks TLS and memcached's text login, against the coordinator's TLS
 * port of a cluster that {@code up} started with logins on: as the admin whose password up showed,
 * and as a reader added afterwards with {@code bin/memcluster users add}, which the running
 * coordinator takes up without a restart.
 */
@Timeout(value = 5, unit = TimeUnit.MINUTES)
class FolsomLoginIT {

    @RegisterExtension
    static final UpCluster up = UpCluster.withLogins();

    private static SSLContext trustingTheClusterCa;
    private static String adminPassword;

    @BeforeAll
    static void trustTheClusterCa() {
        trustingTheClusterCa = TestTls.trusting(up.cluster().caCertificate());
        adminPassword = up.up().adminPassword();
    }

    @Test
    void theAdminWritesAndReadsOverTlsWithManyRequestsInFlight() throws Exception {
        AsciiMemcacheClient<String> admin = connect("admin", adminPassword, 2);
        try {
            assertThat(result(admin.set("folsom.greeting", "hello over TLS", 0))).isEqualTo(MemcacheStatus.OK);
            assertThat(result(admin.get("folsom.greeting"))).isEqualTo("hello over TLS");
            assertThat(result(admin.incr("folsom.counter", 1))).as("no counter yet").isNull();
            assertThat(result(admin.set("folsom.counter", "41", 0))).isEqualTo(MemcacheStatus.OK);
            assertThat(result(admin.incr("folsom.counter", 1))).isEqualTo(42L);
            assertThat(result(admin.delete("folsom.greeting"))).isEqualTo(MemcacheStatus.OK);
            assertThat(result(admin.get("folsom.greeting"))).isNull();

            // Many small replies in flight at once, split over the nodes and merged back in order.
            List<CompletionStage<MemcacheStatus>> sets = new ArrayList<>();
            for (int i = 0; i < 1000; i++) {
                sets.add(admin.set("pipe." + i, "value-" + i, 0));
            }
            for (CompletionStage<MemcacheStatus> set : sets) {
                assertThat(result(set)).isEqualTo(MemcacheStatus.OK);
            }
            List<CompletionStage<String>> gets = new ArrayList<>();
            for (int i = 0; i < 1000; i++) {
                gets.add(admin.get("pipe." + i));
            }
            for (int i = 0; i < 1000; i++) {
                assertThat(result(gets.get(i))).isEqualTo("value-" + i);
            }
            List<String> keys = IntStream.range(0, 100).mapToObj(i -> "pipe." + i).toList();
            assertThat(result(admin.get(keys))).hasSize(100).doesNotContainNull().contains("value-99");
        } finally {
            admin.shutdown();
        }
    }

    /**
     * users add writes the coordinator's users.json (the one in the data folder that up was given),
     * which the coordinator rereads within seconds: the reader can log in, read cart.x, and is
     * refused writing it.
     */
    @Test
    void aReaderAddedWhileTheClusterRunsReadsTheCartButCannotWriteIt() throws Exception {
        AsciiMemcacheClient<String> admin = connect("admin", adminPassword, 1);
        try {
            assertThat(result(admin.set("cart.x", "in the cart", 0))).isEqualTo(MemcacheStatus.OK);
            assertThat(result(admin.set("orders.x", "an order", 0))).isEqualTo(MemcacheStatus.OK);

            // The password from the environment, as the README suggests: not on a command line.
            LifecycleCluster.Run added = up.cluster().runTool(Map.of("MEMCLUSTER_PASSWORD", "reader-pw"),
                    "users", "add", "reader", "--perm", "cart:read", "--data-dir", up.cluster().dataDir().toString());
            assertThat(added.exit()).as(added::transcript).isZero();
            assertThat(added.out()).as(added::transcript).contains("Added user 'reader' with cart:read to "
                    + up.cluster().dataDir().resolve("users.json"));

            // asked of the admin, not by logging in until it works: failed logins are throttled per
            // address, and would slow down every login from this machine that follows
            try (RawClient root = RawClient.tls(up.tlsPort(), trustingTheClusterCa)) {
                assertThat(root.login("admin", adminPassword)).isEqualTo("STORED");
                await("the coordinator to take up the new users.json").atMost(Duration.ofSeconds(15))
                        .pollInterval(Duration.ofMillis(250))
                        .untilAsserted(() -> assertThat(root.call("memcluster users list\r\n", "END"))
                                .contains("USER reader cart:read"));
            }
            assertThat(login("reader", "reader-pw")).isEqualTo("STORED");
            AsciiMemcacheClient<String> reader = connect("reader", "reader-pw", 1);
            try {
                assertThat(result(reader.get("cart.x"))).isEqualTo("in the cart");
                // folsom reports every CLIENT_ERROR reply (here: permission denied) as this exception
                assertThatThrownBy(() -> result(reader.set("cart.x", "changed", 0)))
                        .hasCauseInstanceOf(MemcacheAuthenticationException.class);
                assertThatThrownBy(() -> result(reader.get("orders.x")))
                        .hasCauseInstanceOf(MemcacheAuthenticationException.class);
            } finally {
                reader.shutdown();
            }
            assertThat(result(admin.get("cart.x"))).as("unchanged").isEqualTo("in the cart");
        } finally {
            admin.shutdown();
        }
    }

    /** The reply to a login on a connection of its own: STORED, or why not. */
    private static String login(String user, String password) throws Exception {
        try (RawClient client = RawClient.tls(up.tlsPort(), trustingTheClusterCa)) {
            return client.login(user, password);
        }
    }

    private static AsciiMemcacheClient<String> connect(String user, String password, int connections)
            throws Exception {
        AsciiMemcacheClient<String> client = MemcacheClientBuilder.newStringClient()
                .withAddress("localhost", up.tlsPort())
                .withConnections(connections)
                .withRequestTimeoutMillis(10_000)
                .withSSLEngineFactory(new DefaultSSLEngineFactory(trustingTheClusterCa, true))
                .withUsernamePassword(user, password)
                .connectAscii();
        client.awaitFullyConnected(20, TimeUnit.SECONDS);
        return client;
    }

    private static <T> T result(CompletionStage<T> stage) throws Exception {
        return stage.toCompletableFuture().get(20, TimeUnit.SECONDS);
    }
}
