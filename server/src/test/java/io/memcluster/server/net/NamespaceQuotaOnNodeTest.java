package io.memcluster.server.net;

import static org.assertj.core.api.Assertions.assertThat;

import io.memcluster.config.NamespaceQuotas;
import io.memcluster.config.NodeConfig;
import io.memcluster.server.RunningNode;
import io.memcluster.testkit.RawClient;
import io.memcluster.time.Clock;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Issue 12: a writer of one namespace could evict every other namespace's items. Over a real
 * socket, on a node of 4m whose namespace {@code cart} has a quota of 1m, as
 * {@code namespaces.cart.memory: 1m} gives it.
 */
class NamespaceQuotaOnNodeTest {

    private static final long MEMORY = 4L << 20;
    private static final long CART_QUOTA = 1L << 20;
    private static final String VALUE = "v".repeat(10_000);

    private RunningNode node;

    @BeforeEach
    void start() {
        NodeConfig config = new NodeConfig("127.0.0.1", RunningNode.freePort(), MEMORY, 2 << 20, 64, 2,
                Duration.ZERO, false, Path.of("target", "node-data"));
        config = config.withTls(config.tls().disabled()).withAuth(config.auth().disabled())
                .withQuotas(new NamespaceQuotas(Map.of("cart", CART_QUOTA)));
        node = RunningNode.start(config, Clock.system());
    }

    @AfterEach
    void stop() {
        node.close();
    }

    @Test
    void aWriterFillingItsNamespacePastTheNodesMemoryEvictsNoOtherNamespacesItems() throws IOException {
        try (RawClient client = new RawClient(node.port())) {
            for (int i = 0; i < 100; i++) {
                assertThat(set(client, "orders." + i, VALUE)).isEqualTo("STORED\r\n");
                assertThat(set(client, "plain" + i, VALUE)).isEqualTo("STORED\r\n");
            }

            // 6 MB into cart: half as much again as the whole node holds
            for (int i = 0; i < 600; i++) {
                assertThat(set(client, "cart." + i, VALUE)).as("cart.%d", i).isEqualTo("STORED\r\n");
            }

            for (int i = 0; i < 100; i++) {
                assertThat(client.call("get orders." + i + "\r\n", "END")).as("orders.%d", i)
                        .startsWith("VALUE orders." + i + " ");
                assertThat(client.call("get plain" + i + "\r\n", "END")).as("plain%d", i)
                        .startsWith("VALUE plain" + i + " ");
            }
            assertThat(client.call("get cart.599\r\n", "END")).startsWith("VALUE cart.599 ");
            assertThat(client.call("get cart.0\r\n", "END")).as("cart's own oldest item made room").isEqualTo("END\r\n");
            Map<String, Long> stats = namespaces(client);
            assertThat(stats.get("cart:bytes")).isPositive().isLessThanOrEqualTo(CART_QUOTA);
            assertThat(stats.get("cart:evictions")).isPositive();
            assertThat(stats.get("cart:limit_maxbytes")).isEqualTo(CART_QUOTA);
            assertThat(stats.get("orders:evictions")).isZero();
            assertThat(stats.get("default:evictions")).isZero();
            assertThat(stats).doesNotContainKeys("orders:limit_maxbytes", "default:limit_maxbytes");
        }
    }

    @Test
    void anItemLargerThanItsNamespacesQuotaIsOutOfMemoryAndEvictsNothing() throws IOException {
        try (RawClient client = new RawClient(node.port())) {
            assertThat(set(client, "cart.small", VALUE)).isEqualTo("STORED\r\n");
            String big = "b".repeat((int) CART_QUOTA + 1);

            assertThat(set(client, "cart.big", big)).isEqualTo("SERVER_ERROR out of memory storing object\r\n");
            assertThat(client.send("ms cart.big " + big.length() + " T0\r\n" + big + "\r\n").readLine())
                    .isEqualTo("SERVER_ERROR out of memory storing object\r\n");

            assertThat(client.call("get cart.small\r\n", "END")).startsWith("VALUE cart.small ");
            // the node's own limit is not what refused it: another namespace takes the same item
            assertThat(set(client, "orders.big", big)).isEqualTo("STORED\r\n");
            assertThat(client.call("stats\r\n", "END")).contains("STAT store_no_memory 2\r\n");
        }
    }

    @Test
    void statsNamespacesShowsAQuotaBeforeItsFirstItem() throws IOException {
        try (RawClient client = new RawClient(node.port())) {
            assertThat(client.call("stats namespaces\r\n", "END")).isEqualTo("""
                    STAT cart:curr_items 0\r
                    STAT cart:bytes 0\r
                    STAT cart:max_version 0\r
                    STAT cart:evictions 0\r
                    STAT cart:limit_maxbytes 1048576\r
                    END\r
                    """);
        }
    }

    private static String set(RawClient client, String key, String value) throws IOException {
        return client.send("set " + key + " 0 0 " + value.length() + "\r\n" + value + "\r\n").readLine();
    }

    /** {@code stats namespaces} as numbers by name. */
    private static Map<String, Long> namespaces(RawClient client) throws IOException {
        Map<String, Long> stats = new java.util.TreeMap<>();
        for (String line : client.call("stats namespaces\r\n", "END").split("\r\n")) {
            String[] parts = line.split(" ");
            if (parts.length == 3 && parts[0].equals("STAT")) {
                stats.put(parts[1], Long.parseLong(parts[2]));
            }
        }
        return stats;
    }
}
