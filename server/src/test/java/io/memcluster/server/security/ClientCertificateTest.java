package io.memcluster.server.security;

import static org.assertj.core.api.Assertions.assertThat;

import io.memcluster.certs.CertificateAuthority;
import io.memcluster.certs.CertificateFiles;
import io.memcluster.certs.IssuedCertificate;
import io.memcluster.certs.Pem;
import io.memcluster.config.NodeConfig;
import io.memcluster.config.TlsConfig.ClientAuth;
import io.memcluster.server.RunningNode;
import io.memcluster.server.TestTls;
import io.memcluster.server.TestUsers;
import io.memcluster.testkit.RawClient;
import io.memcluster.time.Clock;
import io.memcluster.time.ManualClock;
import io.netty.handler.ssl.SslProvider;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.SSLContext;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Client certificates under {@code tls.client_auth} require, optional and none: a certificate
 * of the cluster CA whose CN is a user logs the connection in at the handshake; one from another
 * CA, or expired, is refused; a session resumes under require.
 */
class ClientCertificateTest {

    @TempDir
    static Path temp;

    private static Path certs;
    private static final RunningNode[] nodes = new RunningNode[3];

    @BeforeAll
    static void start() throws Exception {
        // One CA for the three nodes, made before they start, so they use it as it is.
        Path dataDir = temp.resolve("data");
        certs = dataDir.resolve("certs");
        CertificateFiles files = new CertificateFiles(certs, Clock.system());
        CertificateFiles.ensureDefaults(certs, Clock.system());
        files.issueClient("alice", 30, false);
        TestUsers.add(dataDir, "root", "root-pw", "ADMIN");
        TestUsers.add(dataDir, "alice", "alice-pw", "cart:read");

        // An expired certificate for alice from the right CA: issued by it 10 days ago, for one day.
        CertificateAuthority pastCa = CertificateAuthority.load(files.caCertificate(), files.caKey(),
                new ManualClock(System.currentTimeMillis() - Duration.ofDays(10).toMillis()));
        write(pastCa.issueClient("alice", 1), "expired-alice");
        // And alice's name from a CA nobody configured.
        CertificateFiles foreign = new CertificateFiles(temp.resolve("foreign"), Clock.system());
        foreign.generate(List.of(), 30, 30, false);
        foreign.issueClient("alice", 30, false);

        ClientAuth[] modes = {ClientAuth.REQUIRE, ClientAuth.OPTIONAL, ClientAuth.NONE};
        for (int i = 0; i < modes.length; i++) {
            NodeConfig config = RunningNode.secureConfig(dataDir);
            nodes[i] = RunningNode.start(config.withTls(config.tls().withClientAuth(modes[i])), Clock.system(),
                    SslProvider.OPENSSL);
        }
    }

    @AfterAll
    static void stop() {
        for (RunningNode node : nodes) {
            if (node != null) {
                node.close();
            }
        }
    }

    @Test
    void requireLogsInTheUserNamedByTheCertificate() throws Exception {
        try (RawClient client = RawClient.tls(require().port(), alice())) {
            assertThat(client.call("get cart.x\r\n", "END")).isEqualTo("END\r\n");
            assertThat(client.call("set cart.x 0 0 1\r\nz\r\n", "CLIENT_ERROR permission denied"))
                    .as("alice holds cart:read only").isEqualTo("CLIENT_ERROR permission denied\r\n");
        }
    }

    @Test
    void requireRefusesAClientWithoutACertificate() {
        assertThat(refused(require(), TestTls.trusting(ca()))).isTrue();
    }

    @Test
    void requireRefusesACertificateFromAnotherCa() {
        assertThat(refused(require(), foreignAlice())).isTrue();
    }

    @Test
    void requireRefusesAnExpiredCertificate() {
        assertThat(refused(require(), TestTls.context(ca(), temp.resolve("expired-alice.crt"),
                temp.resolve("expired-alice.key")))).isTrue();
    }

    @Test
    void certificateOfTheClusterCaForNoUserMustStillLogIn() throws Exception {
        SSLContext coordinator = TestTls.context(ca(), certs.resolve("client.crt"), certs.resolve("client.key"));
        try (RawClient client = RawClient.tls(require().port(), coordinator)) {
            assertThat(client.call("get cart.x\r\n", "CLIENT_ERROR unauthenticated"))
                    .isEqualTo("CLIENT_ERROR unauthenticated\r\n");
            assertThat(client.login("alice", "alice-pw")).isEqualTo("STORED");
        }
    }

    @Test
    void requireResumesSessionsAndTheResumedConnectionIsStillAlices() throws Exception {
        long before = stat(require(), "ssl_resumed_sessions");
        SSLContext sameClient = alice();
        try (RawClient first = RawClient.tls(require().port(), sameClient)) {
            // reading a reply also reads the session ticket that TLS 1.3 sends after the handshake
            assertThat(first.call("get cart.x\r\n", "END")).isEqualTo("END\r\n");
        }
        try (RawClient second = RawClient.tls(require().port(), sameClient)) {
            assertThat(second.call("get cart.x\r\n", "END")).as("logged in from the resumed session")
                    .isEqualTo("END\r\n");
        }
        assertThat(stat(require(), "ssl_resumed_sessions")).isEqualTo(before + 1);
    }

    @Test
    void opensslSClientResumesUnderRequireWithTls13AndTls12() throws Exception {
        for (String version : List.of("-tls1_3", "-tls1_2")) {
            Path session = temp.resolve("require" + version + ".session");
            Object[] alice = {version, "-cert", certs.resolve("client-alice.crt"), "-key",
                    certs.resolve("client-alice.key")};
            assertThat(sClient(require(), "VERSION ", "-sess_out", session, alice)).as(version)
                    .contains("New, TLSv1.");
            assertThat(sClient(require(), "VERSION ", "-sess_in", session, alice)).as(version)
                    .contains("Reused, TLSv1.");
        }
    }

    @Test
    void opensslSClientResumesWithoutAClientCertificate() throws Exception {
        Path session = temp.resolve("optional.session");
        String unauthenticated = "CLIENT_ERROR unauthenticated";
        assertThat(sClient(optional(), unauthenticated, "-sess_out", session)).contains("New, TLSv1.3");
        assertThat(sClient(optional(), unauthenticated, "-sess_in", session)).contains("Reused, TLSv1.3");
    }

    @Test
    void optionalLetsAClientWithoutCertificateConnectAndLogIn() throws Exception {
        try (RawClient client = RawClient.tls(optional().port(), TestTls.trusting(ca()))) {
            assertThat(client.call("get cart.x\r\n", "CLIENT_ERROR unauthenticated"))
                    .isEqualTo("CLIENT_ERROR unauthenticated\r\n");
            assertThat(client.login("alice", "alice-pw")).isEqualTo("STORED");
        }
    }

    @Test
    void optionalLogsInACertificateAndRefusesForeignAndExpiredOnes() throws Exception {
        try (RawClient client = RawClient.tls(optional().port(), alice())) {
            assertThat(client.call("get cart.x\r\n", "END")).isEqualTo("END\r\n");
        }
        assertThat(refused(optional(), foreignAlice())).isTrue();
        assertThat(refused(optional(), TestTls.context(ca(), temp.resolve("expired-alice.crt"),
                temp.resolve("expired-alice.key")))).isTrue();
    }

    @Test
    void noneDoesNotAskForTheCertificateSoTheClientMustLogIn() throws Exception {
        try (RawClient client = RawClient.tls(none().port(), alice())) {
            assertThat(client.call("get cart.x\r\n", "CLIENT_ERROR unauthenticated"))
                    .isEqualTo("CLIENT_ERROR unauthenticated\r\n");
            assertThat(client.login("alice", "alice-pw")).isEqualTo("STORED");
        }
    }

    @Test
    void refusedHandshakesAreCounted() {
        long before = stat(require(), "ssl_handshake_errors");
        refused(require(), foreignAlice());
        org.awaitility.Awaitility.await().atMost(Duration.ofSeconds(5))
                .until(() -> stat(require(), "ssl_handshake_errors") > before);
    }

    private static RunningNode require() {
        return nodes[0];
    }

    private static RunningNode optional() {
        return nodes[1];
    }

    private static RunningNode none() {
        return nodes[2];
    }

    private static Path ca() {
        return certs.resolve("ca.crt");
    }

    private static SSLContext alice() {
        return TestTls.context(ca(), certs.resolve("client-alice.crt"), certs.resolve("client-alice.key"));
    }

    private static SSLContext foreignAlice() {
        Path foreign = temp.resolve("foreign");
        return TestTls.context(ca(), foreign.resolve("client-alice.crt"), foreign.resolve("client-alice.key"));
    }

    /**
     * Whether the node refuses the client. Under TLS 1.3 the client's side of the handshake ends
     * before the server has judged its certificate, so the refusal shows on the first read.
     */
    private static boolean refused(RunningNode node, SSLContext context) {
        try (RawClient client = RawClient.tls(node.port(), context)) {
            client.send("version\r\n");
            return client.readLine().isEmpty();
        } catch (IOException e) {
            return true;
        }
    }

    private static long stat(RunningNode node, String name) {
        try (RawClient client = RawClient.tls(node.port(), alice())) {
            String stats = client.call("stats\r\n", "END");
            return stats.lines().filter(line -> line.startsWith("STAT " + name + " "))
                    .mapToLong(line -> Long.parseLong(line.substring(("STAT " + name + " ").length())))
                    .findFirst().orElseThrow();
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    /**
     * openssl s_client against the node: sends {@code version} and waits for {@code reply} (so
     * that a TLS 1.3 session ticket, which follows the handshake, has arrived) before closing its
     * input; returns everything it printed. s_client prints the reply in the middle of its own
     * output, hence a search rather than a line match.
     */
    private static String sClient(RunningNode node, String reply, String option, Path session, Object... more)
            throws Exception {
        List<String> command = new java.util.ArrayList<>(List.of("openssl", "s_client", "-connect",
                "localhost:" + node.port(), "-CAfile", ca().toString(), "-verify_return_error", option,
                session.toString()));
        for (Object extra : more) {
            command.add(extra.toString());
        }
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        try {
            return CompletableFuture.supplyAsync(() -> converse(process, reply)).get(30, TimeUnit.SECONDS);
        } finally {
            process.destroyForcibly();
        }
    }

    private static String converse(Process process, String reply) {
        StringBuilder output = new StringBuilder();
        try (var in = new java.io.BufferedReader(new java.io.InputStreamReader(process.getInputStream(),
                StandardCharsets.UTF_8)); var stdin = process.getOutputStream()) {
            stdin.write("version\r\n".getBytes(StandardCharsets.US_ASCII));
            stdin.flush();
            // ends at the reply, or when s_client exits (the end of its output)
            for (String line = in.readLine(); line != null; line = in.readLine()) {
                output.append(line).append('\n');
                if (line.contains(reply)) {
                    break;
                }
            }
            stdin.close();
            for (String line = in.readLine(); line != null; line = in.readLine()) {
                output.append(line).append('\n');
            }
            process.waitFor(30, TimeUnit.SECONDS);
        } catch (IOException e) {
            output.append(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        return output.toString();
    }

    private static void write(IssuedCertificate issued, String name) throws IOException {
        Files.writeString(temp.resolve(name + ".crt"), Pem.encode(issued.certificate()));
        Files.writeString(temp.resolve(name + ".key"), Pem.encode(issued.privateKey()));
    }
}
