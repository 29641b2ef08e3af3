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
        TestUsers.add(dataDir, "scratcher", "scratcher-pw", "scratch:write");
        cluster = RunningCluster.withLogins(3, 2, dataDir);
        try (RawClient root = as("root", "root-pw")) {
            root.call("set cart.x 0 0 1\r\nc\r\n", "STORED");
            root.call("set orders.y 0 0 1\r\no\r\n", "STORED");
            root.call("set scratch.a 0 0 1\r\ns\r\n", "STORED");
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
            assertThat(one(reader, "stats hints\r\n")).isEqualTo(DENIED);
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
            assertThat(auditor.call("stats hints\r\n", "END")).contains("STAT node-1:queued 0\r\n");
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

    /**
     * Flushing a namespace is writing to it: a reader of it is refused and nothing goes, a writer
     * of it flushes it; snapshots and their stats per node are an ADMIN's and anyone's.
     */
    @Test
    void flushNamespaceNeedsWriteOnItAndSnapshotsAnAdmin() throws Exception {
        try (RawClient root = as("root", "root-pw")) {
            assertThat(root.call("memcluster snapshot\r\n", "END")).contains("STAT result ok\r\n");
        }
        try (RawClient reader = as("reader", "reader-pw")) {
            assertThat(one(reader, "memcluster flush_namespace cart\r\n")).isEqualTo(DENIED);
            assertThat(reader.call("get cart.x\r\n", "END")).isEqualTo("VALUE cart.x 0 1\r\nc\r\nEND\r\n");
            assertThat(one(reader, "memcluster snapshot\r\n")).isEqualTo(DENIED);
            // a reader of cart sees cart's snapshot lines, not the other namespaces'
            assertThat(reader.call("stats snapshots\r\n", "END")).contains("STAT oldest_age ")
                    .containsPattern("STAT node-\\d:cart:items [12]\r\n")
                    .doesNotContain(":orders:").doesNotContain(":scratch:");
        }
        try (RawClient scratcher = as("scratcher", "scratcher-pw")) {
            assertThat(one(scratcher, "memcluster flush_namespace cart\r\n")).isEqualTo(DENIED);
            assertThat(one(scratcher, "memcluster flush_namespace scratch\r\n")).isEqualTo("OK\r\n");
            assertThat(scratcher.call("get scratch.a\r\n", "END")).isEqualTo("END\r\n");
        }
    }
}
