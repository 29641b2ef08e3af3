package io.memcluster.server.net;

import static org.assertj.core.api.Assertions.assertThat;

import io.memcluster.testkit.RawClient;
import io.memcluster.config.NodeConfig;
import io.memcluster.config.PlainConfig;
import io.memcluster.server.RunningNode;
import io.memcluster.server.TestTls;
import io.memcluster.server.TestUsers;
import io.memcluster.time.Clock;
import java.nio.file.Path;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLSocket;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The login over a raw TLS socket (the JDK's SSLSocket trusting the node's generated ca.crt),
 * with the users of memcached's own auth tests: foo/bar and baaaz/quux.
 */
class TlsTranscriptTest {

    @TempDir
    static Path dataDir;

    private static RunningNode node;
    private static SSLContext tls;

    @BeforeAll
    static void start() {
        TestUsers.add(dataDir, "foo", "bar", "ADMIN");
        TestUsers.add(dataDir, "baaaz", "quux", "cart:write");
        NodeConfig config = RunningNode.secureConfig(dataDir);
        node = RunningNode.start(config.withPlain(new PlainConfig(RunningNode.freePort(), false)), Clock.system());
        tls = TestTls.trusting(TestTls.ca(dataDir));
    }

    @AfterAll
    static void stop() {
        node.close();
    }

    @Test
    void speaksTls13WithTheGeneratedCertificate() throws Exception {
        try (RawClient client = RawClient.tls(node.port(), tls)) {
            SSLSocket socket = (SSLSocket) client.socket();
            assertThat(socket.getSession().getProtocol()).isEqualTo("TLSv1.3");
            assertThat(socket.getSession().getPeerPrincipal().getName()).isEqualTo("CN=localhost");
        }
    }

    @Test
    void memcachedsOwnExample() throws Exception {
        try (RawClient client = RawClient.tls(node.port(), tls)) {
            assertThat(client.call("version\r\n", "CLIENT_ERROR unauthenticated"))
                    .isEqualTo("CLIENT_ERROR unauthenticated\r\n");
            assertThat(client.call("get foo\r\n", "CLIENT_ERROR unauthenticated"))
                    .isEqualTo("CLIENT_ERROR unauthenticated\r\n");
            assertThat(client.call("set foo 0 0 7\r\nfoo bar\r\n", "STORED")).isEqualTo("STORED\r\n");
            assertThat(client.call("version\r\n", "VERSION 1.6.38-memcluster-0.1.0"))
                    .isEqualTo("VERSION 1.6.38-memcluster-0.1.0\r\n");
        }
        try (RawClient client = RawClient.tls(node.port(), tls)) {
            assertThat(client.call("set foo 0 0 10\r\nbaaaz quux\r\n", "STORED")).isEqualTo("STORED\r\n");
        }
    }

    @Test
    void loginThenSetAndGet() throws Exception {
        try (RawClient client = RawClient.tls(node.port(), tls)) {
            assertThat(client.login("baaaz", "quux")).isEqualTo("STORED");
            assertThat(client.call("set cart.42 5 0 3\r\nabc\r\n", "STORED")).isEqualTo("STORED\r\n");
            assertThat(client.call("get cart.42\r\n", "END")).isEqualTo("VALUE cart.42 5 3\r\nabc\r\nEND\r\n");
            assertThat(client.call("get elsewhere\r\n", "CLIENT_ERROR permission denied"))
                    .as("a key in default, which cart:write does not cover")
                    .isEqualTo("CLIENT_ERROR permission denied\r\n");
        }
    }

    @Test
    void wrongPasswordIsRefusedAndNothingElseIsAllowed() throws Exception {
        try (RawClient client = RawClient.tls(node.port(), tls)) {
            assertThat(client.login("foo", "baz")).isEqualTo("CLIENT_ERROR authentication failure");
            assertThat(client.login("nobody", "bar")).isEqualTo("CLIENT_ERROR authentication failure");
            assertThat(client.call("set k 0 0 1\r\nv\r\nget k\r\n", "CLIENT_ERROR unauthenticated"))
                    .isEqualTo("CLIENT_ERROR bad authentication token format\r\nCLIENT_ERROR unauthenticated\r\n");
            assertThat(client.login("foo", "bar")).isEqualTo("STORED");
        }
    }

    @Test
    void unauthenticatedStorageCommandsHaveTheirDataConsumed() throws Exception {
        try (RawClient client = RawClient.tls(node.port(), tls)) {
            // one reply per command: the data blocks are not read as commands
            assertThat(client.call("add k 0 0 5\r\nhello\r\nms k 2\r\nhi\r\nmn\r\n",
                    "CLIENT_ERROR unauthenticated")).isEqualTo("CLIENT_ERROR unauthenticated\r\n");
            assertThat(client.readLine()).isEqualTo("CLIENT_ERROR unauthenticated\r\n");
            assertThat(client.readLine()).isEqualTo("CLIENT_ERROR unauthenticated\r\n");
            assertThat(client.login("foo", "bar")).isEqualTo("STORED");
        }
    }

    @Test
    void loginPipelinedWithCommandsAnswersInOrder() throws Exception {
        try (RawClient client = RawClient.tls(node.port(), tls)) {
            client.send("get early\r\nset x 0 0 7\r\nfoo bar\r\nset pipelined 0 0 2\r\nok\r\nget pipelined\r\n");
            assertThat(client.readLine()).isEqualTo("CLIENT_ERROR unauthenticated\r\n");
            assertThat(client.readLine()).isEqualTo("STORED\r\n");
            assertThat(client.readLine()).isEqualTo("STORED\r\n");
            assertThat(client.call("", "END")).isEqualTo("VALUE pipelined 0 2\r\nok\r\nEND\r\n");
        }
    }

    @Test
    void plainListenerOnLoopbackAcceptsAPasswordLogin() throws Exception {
        assertThat(node.plainPort()).isPositive();
        try (RawClient client = new RawClient(node.plainPort())) {
            assertThat(client.call("get a\r\n", "CLIENT_ERROR unauthenticated"))
                    .isEqualTo("CLIENT_ERROR unauthenticated\r\n");
            assertThat(client.login("foo", "bar")).isEqualTo("STORED");
            assertThat(client.call("set plain.k 0 0 1\r\nv\r\nget plain.k\r\n", "END"))
                    .isEqualTo("STORED\r\nVALUE plain.k 0 1\r\nv\r\nEND\r\n");
        }
    }

    @Test
    void statsCountLoginsAndSaySslIsOn() throws Exception {
        try (RawClient client = RawClient.tls(node.port(), tls)) {
            client.login("foo", "bar");
            String stats = client.call("stats\r\n", "END");
            assertThat(stats).containsPattern("STAT auth_cmds [1-9]").contains("STAT auth_errors ")
                    .contains("STAT ssl_new_sessions ");
            assertThat(client.call("stats settings\r\n", "END")).contains("STAT ssl_enabled yes\r\n",
                    "STAT auth_enabled_ascii yes\r\n");
        }
    }
}
