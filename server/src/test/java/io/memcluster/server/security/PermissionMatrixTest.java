package io.memcluster.server.security;

import static org.assertj.core.api.Assertions.assertThat;

import io.memcluster.server.RunningNode;
import io.memcluster.server.TestTls;
import io.memcluster.server.TestUsers;
import io.memcluster.testkit.RawClient;
import io.memcluster.time.Clock;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import javax.net.ssl.SSLContext;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Who may do what: an ADMIN, a reader of {@code cart} ({@code cart:read}), a writer of
 * {@code cart} ({@code cart:write}) and a user without grants, each running every kind of
 * command on {@code cart.x} over TLS. A refused command answers
 * {@code CLIENT_ERROR permission denied}; what is allowed answers as memcached does.
 */
class PermissionMatrixTest {

    private static final String DENIED = "CLIENT_ERROR permission denied";

    @TempDir
    static Path dataDir;

    private static RunningNode node;
    private static SSLContext tls;
    // One logged-in connection per user for the whole class: a login costs an Argon2 check.
    private static final Map<String, RawClient> connections = new HashMap<>();

    @BeforeAll
    static void start() {
        TestUsers.add(dataDir, "root", "root-pw", "ADMIN");
        TestUsers.add(dataDir, "reader", "reader-pw", "cart:read");
        TestUsers.add(dataDir, "writer", "writer-pw", "cart:write");
        TestUsers.add(dataDir, "nobody", "nobody-pw");
        node = RunningNode.start(RunningNode.secureConfig(dataDir), Clock.system());
        tls = TestTls.trusting(TestTls.ca(dataDir));
    }

    @AfterAll
    static void stop() throws Exception {
        for (RawClient client : connections.values()) {
            client.close();
        }
        node.close();
    }

    @BeforeEach
    void seed() throws Exception {
        RawClient root = as("root");
        root.send("set cart.x 0 0 3\r\nabc\r\nset cart.n 0 0 1\r\n5\r\nset orders.y 0 0 2\r\nyy\r\n"
                + "set plain 0 0 1\r\np\r\n");
        for (int i = 0; i < 4; i++) {
            assertThat(root.readLine()).isEqualTo("STORED\r\n");
        }
    }

    @ParameterizedTest(name = "{0}: {1} -> {2}")
    @CsvSource(delimiter = '|', value = {
        // user  | request                       | first line of the reply
        "root    | get cart.x                    | VALUE cart.x 0 3",
        "reader  | get cart.x                    | VALUE cart.x 0 3",
        "writer  | get cart.x                    | VALUE cart.x 0 3",
        "nobody  | get cart.x                    | " + DENIED,
        "root    | gets cart.x                   | VALUE cart.x 0 3 ",
        "reader  | gets cart.x                   | VALUE cart.x 0 3 ",
        "writer  | gets cart.x                   | VALUE cart.x 0 3 ",
        "nobody  | gets cart.x                   | " + DENIED,
        "root    | set cart.x 0 0 1\\r\\nz        | STORED",
        "reader  | set cart.x 0 0 1\\r\\nz        | " + DENIED,
        "writer  | set cart.x 0 0 1\\r\\nz        | STORED",
        "nobody  | set cart.x 0 0 1\\r\\nz        | " + DENIED,
        "root    | delete cart.x                 | DELETED",
        "reader  | delete cart.x                 | " + DENIED,
        "writer  | delete cart.x                 | DELETED",
        "nobody  | delete cart.x                 | " + DENIED,
        "root    | incr cart.n 2                 | 7",
        "reader  | incr cart.n 2                 | " + DENIED,
        "writer  | incr cart.n 2                 | 7",
        "nobody  | incr cart.n 2                 | " + DENIED,
        "root    | touch cart.x 100              | TOUCHED",
        "reader  | touch cart.x 100              | " + DENIED,
        "writer  | touch cart.x 100              | TOUCHED",
        "nobody  | touch cart.x 100              | " + DENIED,
        "root    | gat 100 cart.x                | VALUE cart.x 0 3",
        "reader  | gat 100 cart.x                | " + DENIED,
        "writer  | gat 100 cart.x                | VALUE cart.x 0 3",
        "nobody  | gat 100 cart.x                | " + DENIED,
        "root    | mg cart.x v                   | VA 3",
        "reader  | mg cart.x v                   | VA 3",
        "writer  | mg cart.x v                   | VA 3",
        "nobody  | mg cart.x v                   | " + DENIED,
        "reader  | mg cart.x v T100              | " + DENIED,
        "reader  | mg cart.x v N100              | " + DENIED,
        "reader  | mg cart.x v R30               | " + DENIED,
        "writer  | mg cart.x v R30               | VA 3",
        "nobody  | mg cart.x v R30               | " + DENIED,
        "root    | ms cart.x 1\\r\\nz             | HD",
        "reader  | ms cart.x 1\\r\\nz             | " + DENIED,
        "writer  | ms cart.x 1\\r\\nz             | HD",
        "nobody  | ms cart.x 1\\r\\nz             | " + DENIED,
        "root    | md cart.x                     | HD",
        "reader  | md cart.x                     | " + DENIED,
        "writer  | md cart.x                     | HD",
        "nobody  | md cart.x                     | " + DENIED,
        "root    | flush_all                     | OK",
        "reader  | flush_all                     | " + DENIED,
        "writer  | flush_all                     | " + DENIED,
        "nobody  | flush_all                     | " + DENIED,
        "root    | stats                         | STAT pid ",
        "reader  | stats                         | STAT pid ",
        "writer  | stats                         | STAT pid ",
        "nobody  | stats                         | STAT pid ",
        "root    | shutdown                      | ERROR: shutdown not enabled",
        "reader  | shutdown                      | " + DENIED,
        "writer  | shutdown                      | " + DENIED,
        "nobody  | shutdown                      | " + DENIED,
        "root    | cache_memlimit 100            | OK",
        "writer  | cache_memlimit 100            | " + DENIED,
        "root    | verbosity 1                   | OK",
        "writer  | verbosity 1                   | " + DENIED,
        "writer  | stats reset                   | " + DENIED,
        "writer  | stats conns                   | " + DENIED,
        "writer  | get orders.y                  | " + DENIED,
        "writer  | set plain 0 0 1\\r\\nq         | " + DENIED,
        "root    | memcluster snapshot cart      | STAT cart:status written",
        "reader  | memcluster snapshot cart      | " + DENIED,
        "writer  | memcluster snapshot           | " + DENIED,
        "nobody  | memcluster snapshot           | " + DENIED,
        "writer  | memcluster flush_namespace cart | OK",
        "reader  | memcluster flush_namespace cart | " + DENIED,
        "writer  | memcluster flush_namespace orders | " + DENIED,
    })
    void matrix(String user, String request, String expectedFirstLine) throws Exception {
        RawClient client = as(user);
        client.send(request.strip().replace("\\r\\n", "\r\n") + "\r\n");
        assertThat(client.readLine()).startsWith(expectedFirstLine);
        // whatever else the reply holds, up to a no-op's, so the connection is ready for the next row
        client.call("mn\r\n", "MN");
    }

    @Test
    void multiKeyGetReturnsOnlyWhatMayBeRead() throws Exception {
        try (RawClient reader = as("reader")) {
            assertThat(reader.call("get cart.x orders.y plain cart.n\r\n", "END"))
                    .isEqualTo("VALUE cart.x 0 3\r\nabc\r\nVALUE cart.n 0 1\r\n5\r\nEND\r\n");
            assertThat(reader.call("get orders.y plain\r\n", DENIED)).isEqualTo(DENIED + "\r\n");
        }
    }

    @Test
    void noreplyCommandsAreRefusedSilentlyAndMetaCommandsAnswer() throws Exception {
        try (RawClient reader = as("reader")) {
            reader.send("set cart.x 0 0 1 noreply\r\nz\r\ndelete cart.x noreply\r\nms cart.x 1 q\r\nz\r\nmn\r\n");
            assertThat(reader.readLine()).isEqualTo(DENIED + "\r\n");
            assertThat(reader.readLine()).isEqualTo("MN\r\n");
            assertThat(reader.call("get cart.x\r\n", "END")).isEqualTo("VALUE cart.x 0 3\r\nabc\r\nEND\r\n");
        }
    }

    @Test
    void statsNamespacesListsOnlyWhatMayBeRead() throws Exception {
        try (RawClient reader = as("reader")) {
            String namespaces = reader.call("stats namespaces\r\n", "END");
            assertThat(namespaces).contains("STAT cart:curr_items 2\r\n").doesNotContain("orders:", "default:");
        }
        try (RawClient root = as("root")) {
            assertThat(root.call("stats namespaces\r\n", "END")).contains("STAT cart:", "STAT orders:",
                    "STAT default:");
        }
    }

    @Test
    void statsSnapshotsListsOnlyTheNamespacesThatMayBeRead() throws Exception {
        assertThat(as("root").call("memcluster snapshot\r\n", "END")).contains("STAT result ok\r\n");

        String reader = as("reader").call("stats snapshots\r\n", "END");
        assertThat(reader).contains("STAT cart:items ", "STAT runs ").doesNotContain("orders:", "default:");
        assertThat(as("nobody").call("stats snapshots\r\n", "END")).contains("STAT runs ")
                .doesNotContain("cart:", "orders:", "default:");
    }

    @Test
    void metadumpListsOnlyKeysThatMayBeRead() throws Exception {
        try (RawClient reader = as("reader")) {
            String dump = reader.call("lru_crawler metadump all\r\n", "END");
            assertThat(dump).contains("key=cart.x ", "key=cart.n ").doesNotContain("orders.y", "key=plain ");
        }
    }

    @Test
    void refusalsCountInAuthDenied() throws Exception {
        try (RawClient reader = as("reader")) {
            long before = authDenied(reader);
            reader.call("set cart.x 0 0 1\r\nz\r\n", DENIED);
            reader.call("get cart.x orders.y\r\n", "END");
            assertThat(authDenied(reader)).isEqualTo(before + 2);
        }
    }

    /** The sentence of the issue, word for word: cart:read reads cart.x, may not write it nor read orders.y. */
    @Test
    void cartReaderReadsCartXAndIsRefusedWritingItAndReadingOrdersY() throws Exception {
        try (RawClient reader = as("reader")) {
            assertThat(reader.call("get cart.x\r\n", "END")).isEqualTo("VALUE cart.x 0 3\r\nabc\r\nEND\r\n");
            assertThat(reader.call("set cart.x 0 0 1\r\nz\r\n", DENIED)).isEqualTo(DENIED + "\r\n");
            assertThat(reader.call("get orders.y\r\n", DENIED)).isEqualTo(DENIED + "\r\n");
        }
    }

    private static long authDenied(RawClient client) throws Exception {
        String stats = client.call("stats\r\n", "END");
        return stats.lines().filter(line -> line.startsWith("STAT auth_denied ")).mapToLong(
                line -> Long.parseLong(line.substring("STAT auth_denied ".length()))).findFirst().orElseThrow();
    }

    /** The user's connection; closing it (try-with-resources) makes the next call open a new one. */
    private static RawClient as(String user) throws Exception {
        RawClient client = connections.get(user);
        if (client == null || client.socket().isClosed()) {
            client = RawClient.tls(node.port(), tls);
            assertThat(client.login(user, user + "-pw")).isEqualTo("STORED");
            connections.put(user, client);
        }
        return client;
    }
}
