package io.memcluster.client;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.memcluster.certs.CertificateFiles;
import io.memcluster.server.RunningNode;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The CLI against a TLS server with logins and a read-only namespace ({@link FrontServer} in
 * front of a real node, until the node's own TLS and logins are merged): the certificate is
 * checked against the CA given, the login is memcached's, and every refusal is one line with
 * exit code 3 (2 when the user gave too little to log in).
 */
class TlsAndLoginTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    static Path certs;

    @TempDir
    Path home;

    private static RunningNode node;
    private static CertificateFiles ours;
    private static CertificateFiles foreign;
    private static FrontServer front;

    @BeforeAll
    static void start() throws Exception {
        node = RunningNode.start();
        ours = TestCertificates.generate(certs.resolve("ours"));
        foreign = TestCertificates.generate(certs.resolve("foreign"));
        front = new FrontServer(node.port(), TestCertificates.server(ours),
                Map.of("admin", "s3cret", "reader", "r3ad"), Set.of("orders")).start(0);
    }

    @AfterAll
    static void stop() {
        front.close();
        node.close();
    }

    private CliRun.Result cli(Path ca, String... rest) {
        List<String> args = new ArrayList<>(List.of("-H", "127.0.0.1", "-p", Integer.toString(front.port()),
                "--ca", ca.toString()));
        args.addAll(List.of(rest));
        return new CliRun(home).run(args.toArray(String[]::new));
    }

    @Test
    void connectsOverTlsVerifiedAgainstTheClusterCaAndLogsIn() {
        CliRun.Result put = cli(ours.caCertificate(), "-u", "admin", "--password", "s3cret", "put", "tls.k", "secure");
        assertThat(put.exit()).as(put.toString()).isZero();
        CliRun.Result get = cli(ours.caCertificate(), "-u", "admin", "--password", "s3cret", "get", "tls.k");
        assertThat(get.out()).as(get.toString()).isEqualTo("secure\n");
    }

    @Test
    void theHostNameLocalhostIsInTheCertificateToo() {
        CliRun.Result r = new CliRun(home).run("-H", "localhost", "-p", Integer.toString(front.port()), "--ca",
                ours.caCertificate().toString(), "-u", "admin", "--password", "s3cret", "count");
        assertThat(r.exit()).as(r.toString()).isZero();
    }

    @Test
    void refusesAServerWhoseCertificateDoesNotNameTheHostConnectedTo() throws Exception {
        // 127.0.0.2 is loopback too, but not one of the names the certificate was issued for
        try (FrontServer elsewhere = new FrontServer(node.port(), TestCertificates.server(ours), null, Set.of())
                .start(java.net.InetAddress.getByName("127.0.0.2"), 0)) {
            CliRun.Result r = new CliRun(home).run("-H", "127.0.0.2", "-p", Integer.toString(elsewhere.port()),
                    "--ca", ours.caCertificate().toString(), "count");
            assertThat(r.exit()).isEqualTo(3);
            assertThat(r.err()).startsWith("TLS handshake with 127.0.0.2:" + elsewhere.port()
                    + " failed: the server's certificate does not name 127.0.0.2");
        }
    }

    @Test
    void refusesAServerWhoseCertificateAnotherCaSigned() {
        CliRun.Result r = cli(foreign.caCertificate(), "-u", "admin", "--password", "s3cret", "get", "tls.k");
        assertThat(r.exit()).isEqualTo(3);
        assertThat(r.err()).isEqualTo("TLS handshake with 127.0.0.1:" + front.port() + " failed: the server's"
                + " certificate is not signed by the CA in " + foreign.caCertificate()
                + " (give the cluster's CA with --ca FILE)\n");
        assertThat(r.out()).isEmpty();
    }

    @Test
    void saysWhichSideSpeaksPlaintext() {
        CliRun.Result toTls = new CliRun(home).run("--plain", "-p", Integer.toString(front.port()), "get", "k");
        assertThat(toTls.exit()).isEqualTo(3);
        assertThat(toTls.err()).contains("(is it a TLS port? then leave out --plain)");
        CliRun.Result toPlain = new CliRun(home).run("-p", Integer.toString(node.port()), "--ca",
                ours.caCertificate().toString(), "get", "k");
        assertThat(toPlain.exit()).isEqualTo(3);
        assertThat(toPlain.err()).isEqualTo("TLS handshake with 127.0.0.1:" + node.port() + " failed: the server"
                + " did not answer in TLS (is it a plaintext port? then use --plain)\n");
    }

    @Test
    void aMissingCaFileIsNamed() {
        Path missing = certs.resolve("nowhere/ca.crt");
        CliRun.Result r = cli(missing, "get", "k");
        assertThat(r.exit()).isEqualTo(3);
        assertThat(r.err()).isEqualTo("CA file " + missing + " does not exist: give the cluster's CA with --ca FILE,"
                + " or use --plain for a plaintext port\n");
    }

    @Test
    void aWrongPasswordExitsThreeWithAClearMessage() {
        CliRun.Result r = cli(ours.caCertificate(), "-u", "admin", "--password", "wrong", "get", "tls.k");
        assertThat(r.exit()).isEqualTo(3);
        assertThat(r.err()).isEqualTo("login refused for user 'admin': wrong username or password\n");
    }

    @Test
    void aServerThatWantsALoginSaysSo() {
        CliRun.Result r = cli(ours.caCertificate(), "get", "tls.k");
        assertThat(r.exit()).isEqualTo(3);
        assertThat(r.err()).isEqualTo("the server at 127.0.0.1:" + front.port()
                + " requires a login: give --username (and the password)\n");
    }

    @Test
    void thePasswordMayComeFromTheEnvironment() {
        CliRun.Result r = new CliRun(home).env("MEMCLUSTER_PASSWORD", "s3cret").env("MEMCLUSTER_USER", "admin")
                .run("-p", Integer.toString(front.port()), "--ca", ours.caCertificate().toString(), "has", "tls.none");
        assertThat(r.exit()).as(r.toString()).isEqualTo(1);
        assertThat(r.out()).isEqualTo("no\n");
    }

    @Test
    void withoutAPasswordOrATerminalToAskOnItIsAUsageError() {
        CliRun.Result r = cli(ours.caCertificate(), "-u", "admin", "get", "tls.k");
        assertThat(r.exit()).isEqualTo(2);
        assertThat(r.err()).isEqualTo("no password for user 'admin': set MEMCLUSTER_PASSWORD or give --password"
                + " (there is no terminal to ask on)\n");
    }

    @Test
    void permissionDeniedNamesWhatWasDenied() throws Exception {
        CliRun.Result r = cli(ours.caCertificate(), "-u", "reader", "--password", "r3ad", "-n", "orders", "put", "1", "x");
        assertThat(r.exit()).isEqualTo(3);
        assertThat(r.err()).isEqualTo("permission denied: cannot write namespace orders\n");

        CliRun.Result json = cli(ours.caCertificate(), "-u", "reader", "--password", "r3ad", "--json", "delete",
                "orders.1");
        JsonNode reply = JSON.readTree(json.out());
        assertThat(reply.get("exit").asInt()).isEqualTo(3);
        assertThat(reply.get("error").asText()).isEqualTo("permission denied: cannot write namespace orders");
    }
}
