package io.memcluster.coordinator.it;

import static org.assertj.core.api.Assertions.assertThat;

import io.memcluster.testkit.RawClient;
import java.io.IOException;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Issue 12 through the coordinator: a quota written in the cluster's config.yaml
 * ({@code namespaces.capped.memory: 2m}) reaches the three nodes that {@code up} starts (each
 * 16m, R=2), holds there, and shows in {@code stats namespaces}, summed over the nodes as every
 * line of that group is.
 */
@Timeout(value = 5, unit = TimeUnit.MINUTES)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class NamespaceQuotaIT {

    private static final long QUOTA = 2L << 20;
    private static final String VALUE = "v".repeat(100_000);

    @RegisterExtension
    static final UpCluster up = UpCluster.withoutLogins(List.of("max_item_size: 4m"),
            List.of("namespaces:", "  capped:", "    memory: 2m"));

    @Test
    @Order(1)
    void statsNamespacesShowsTheQuotaOfEveryNodeBeforeTheFirstItem() throws IOException {
        Map<String, Long> stats = namespaces();

        assertThat(stats).containsEntry("capped:curr_items", 0L).containsEntry("capped:limit_maxbytes", 3 * QUOTA);
    }

    @Test
    @Order(2)
    void aWriterFillingItsNamespacePastTheClustersMemoryEvictsNoOtherNamespacesItems() throws IOException {
        try (RawClient client = new RawClient(up.plainPort())) {
            for (int i = 0; i < 20; i++) {
                assertThat(set(client, "other." + i, VALUE)).isEqualTo("STORED\r\n");
            }

            // 60 MB, twice over R=2: each node is asked to hold 40 MB of capped, 2.5 times its memory
            for (int i = 0; i < 600; i++) {
                assertThat(set(client, "capped." + i, VALUE)).as("capped.%d", i).isEqualTo("STORED\r\n");
            }

            for (int i = 0; i < 20; i++) {
                assertThat(client.call("get other." + i + "\r\n", "END")).as("other.%d", i)
                        .startsWith("VALUE other." + i + " ");
            }
            assertThat(client.call("get capped.599\r\n", "END")).startsWith("VALUE capped.599 ");
        }
        Map<String, Long> stats = namespaces();
        assertThat(stats.get("capped:bytes")).isPositive().isLessThanOrEqualTo(3 * QUOTA);
        assertThat(stats.get("capped:evictions")).isPositive();
        assertThat(stats.get("other:curr_items")).as("both copies of each").isEqualTo(40);
        assertThat(stats.get("other:evictions")).isZero();
    }

    @Test
    @Order(3)
    void anItemLargerThanItsNamespacesQuotaIsOutOfMemory() throws IOException {
        String big = "b".repeat((int) QUOTA + 1);
        try (RawClient client = new RawClient(up.plainPort())) {
            assertThat(set(client, "capped.big", big)).isEqualTo("SERVER_ERROR out of memory storing object\r\n");
            assertThat(client.call("get capped.big\r\n", "END")).isEqualTo("END\r\n");
            assertThat(set(client, "other.big", big)).isEqualTo("STORED\r\n");
        }
    }

    private static String set(RawClient client, String key, String value) throws IOException {
        return client.send("set " + key + " 0 0 " + value.length() + "\r\n" + value + "\r\n").readLine();
    }

    /** {@code stats namespaces} through the coordinator, as numbers by name. */
    private static Map<String, Long> namespaces() throws IOException {
        Map<String, Long> stats = new TreeMap<>();
        try (RawClient client = new RawClient(up.plainPort())) {
            for (String line : client.call("stats namespaces\r\n", "END").split("\r\n")) {
                String[] parts = line.split(" ");
                if (parts.length == 3 && parts[0].equals("STAT")) {
                    stats.put(parts[1], Long.parseLong(parts[2]));
                }
            }
        }
        return stats;
    }
}
