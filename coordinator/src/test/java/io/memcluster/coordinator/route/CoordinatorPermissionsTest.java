package io.memcluster.coordinator.route;

import static org.assertj.core.api.Assertions.assertThat;

import io.memcluster.coordinator.RunningCluster;
import io.memcluster.server.TestUsers;
import io.memcluster.testkit.RawClient;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Logins and per-namespace permissions through a coordinator, which answers them from its own
 * users.json exactly as a node does, for its own commands too: {@code stats nodes} for whoever
 * may read every namespace, {@code stats route <key>} for whoever may read the key.
 */
class CoordinatorPermissionsTest {

    private static final String DENIED = "CLIENT_ERROR permission denied\r\n";

    @TempDir
    static Path dataDir;

    private static RunningCluster cluster;

    @BeforeAll
    static void start() throws Exception {
        TestUsers.add(dataDir, "root", "root-pw", "ADMIN");
        TestUsers.add(dataDir, "reader", "reader-pw", "cart:read");
        TestUsers.add(dataDir, "auditor", "auditor-pw", "*:read");
        cluster = RunningCluster.withLogins(3, 2, dataDir);
        try (RawClient root = as("root", "root-pw")) {
            root.call("set cart.x 0 0 1\r\nc\r\n", "STORED");
            root.call("set orders.y 0 0 1\r\no\r\n", "STORED");
        }
    }

    @AfterAll
    static void stop() {
        cluster.close();
    }

    private static RawClient as(String user, String password) throws Exception {
        RawClient client = new RawClient(cluster.port());
        assertThat(client.login(user, password)).isEqualTo("STORED");
        return client;
    }

    private static String one(RawClient client, String request) throws Exception {
        client.send(request);
        return client.readLine();
    }

    @Test
    void nothingAnswersBeforeALogin() throws Exception {
        try (RawClient client = new RawClient(cluster.port())) {
            assertThat(one(client, "get cart.x\r\n")).isEqualTo("CLIENT_ERROR unauthenticated\r\n");
            assertThat(client.login("root", "wrong")).isEqualTo("CLIENT_ERROR authentication failure");
        }
    }

    @Test
    void aReaderOfCartReadsCartOnlyAndWritesNothing() throws Exception {
        try (RawClient reader = as("reader", "reader-pw")) {
            assertThat(reader.call("get cart.x orders.y\r\n", "END")).isEqualTo("VALUE cart.x 0 1\r\nc\r\nEND\r\n");
            assertThat(one(reader, "get orders.y\r\n")).isEqualTo(DENIED);
            assertThat(one(reader, "set cart.x 0 0 1\r\nz\r\n")).isEqualTo(DENIED);
            assertThat(one(reader, "flush_all\r\n")).isEqualTo(DENIED);
            assertThat(reader.call("stats route cart.x\r\n", "END")).contains("STAT 0 ").contains("STAT 1 ");
            assertThat(one(reader, "stats route orders.y\r\n")).isEqualTo(DENIED);
            assertThat(one(reader, "stats nodes\r\n")).isEqualTo(DENIED);
            assertThat(reader.call("lru_crawler metadump all\r\n", "END")).contains("key=cart.x ")
                    .doesNotContain("orders.y");
        }
    }

    /** A recache token ({@code mg R}) is what writers wait on to refill an item: not a reader's to take. */
    @Test
    void aReaderMayNotRecache() throws Exception {
        try (RawClient reader = as("reader", "reader-pw")) {
            assertThat(one(reader, "mg cart.x v R30\r\n")).isEqualTo(DENIED);
            assertThat(reader.call("mg cart.x v\r\n", "c")).isEqualTo("VA 1\r\nc\r\n");
        }
        try (RawClient root = as("root", "root-pw")) {
            assertThat(root.call("mg cart.x v R30\r\n", "c")).startsWith("VA 1");
        }
    }

    @Test
    void whoMayReadEveryNamespaceSeesTheNodes() throws Exception {
        try (RawClient auditor = as("auditor", "auditor-pw")) {
            assertThat(auditor.call("stats nodes\r\n", "END")).contains(" up\r\n").endsWith("END\r\n");
            assertThat(one(auditor, "set cart.x 0 0 1\r\nz\r\n")).isEqualTo(DENIED);
        }
    }

    @Test
    void anAdminMayDoEverything() throws Exception {
        try (RawClient root = as("root", "root-pw")) {
            assertThat(root.call("stats nodes\r\n", "END")).contains("node-1");
            assertThat(one(root, "set cart.z 0 0 1\r\nz\r\n")).isEqualTo("STORED\r\n");
            assertThat(root.call("memcluster users list\r\n", "END")).contains("USER reader cart:read\r\n");
        }
    }
}
