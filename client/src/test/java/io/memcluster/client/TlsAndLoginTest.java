package io.memcluster.client;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.memcluster.certs.CertificateFiles;
import io.memcluster.config.NodeConfig;
import io.memcluster.config.PlainConfig;
import io.memcluster.config.TlsConfig;
import io.memcluster.server.RunningNode;
import io.memcluster.server.TestTls;
import io.memcluster.server.TestUsers;
import io.memcluster.time.Clock;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The CLI against a node with its security defaults (TLS with the certificates it generated,
 * logins) and a reader of {@code cart} only: the certificate is checked against the CA given,
 * the login is memcached's, and every refusal is one line with exit code 3 (2 when the user gave
 * too little to log in).
 */
class TlsAndLoginTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    static Path dataDir;

    @TempDir
    static Path elsewhere;

    @TempDir
    Path home;

    private static RunningNode node;
    private static Path clusterCa;
    private static Path foreignCa;

    @BeforeAll
    static void start() throws Exception {
        TestUsers.add(dataDir, "admin", "s3cret", "ADMIN");
        TestUsers.add(dataDir, "reader", "r3ad", "cart:read");
        // the plaintext port is there to be connected to with TLS by mistake
        NodeConfig config = RunningNode.secureConfig(dataDir);
        node = RunningNode.start(config.withPlain(new PlainConfig(RunningNode.freePort(), false)), Clock.system());
        clusterCa = TestTls.ca(dataDir);
        // another cluster's CA, made as a node makes its own on its first start
        Path foreign = elsewhere.resolve("foreign");
        CertificateFiles.ensureDefaults(TlsConfig.certsDir(foreign), Clock.system());
        foreignCa = TestTls.ca(foreign);
    }

    @AfterAll
    static void stop() {
        node.close();
    }

    private CliRun.Result cli(Path ca, String... rest) {
        List<String> args = new ArrayList<>(List.of("-H", "127.0.0.1", "-p", Integer.toString(node.port()),
                "--ca", ca.toString()));
        args.addAll(List.of(rest));
        return new CliRun(home).run(args.toArray(String[]::new));
    }

    @Test
    void connectsOverTlsVerifiedAgainstTheClusterCaAndLogsIn() {
        CliRun.Result put = cli(clusterCa, "-u", "admin", "--password", "s3cret", "put", "tls.k", "secure");
        assertThat(put.exit()).as(put.toString()).isZero();
        CliRun.Result get = cli(clusterCa, "-u", "admin", "--password", "s3cret", "get", "tls.k");
        assertThat(get.out()).as(get.toString()).isEqualTo("secure\n");
    }

    @Test
    void theHostNameLocalhostIsInTheCertificateToo() {
        CliRun.Result r = new CliRun(home).run("-H", "localhost", "-p", Integer.toString(node.port()), "--ca",
                clusterCa.toString(), "-u", "admin", "--password", "s3cret", "count");
        assertThat(r.exit()).as(r.toString()).isZero();
    }

    @Test
    void refusesAServerWhoseCertificateDoesNotNameTheHostConnectedTo() {
        // 127.0.0.2 is loopback too, but not one of the names the node's certificate was issued for;
        // a second node there serves that certificate, without logins (the handshake fails first)
        NodeConfig base = RunningNode.secureConfig(elsewhere.resolve("node"));
        NodeConfig onOtherAddress = new NodeConfig("127.0.0.2", base.port(), base.memoryLimit(), base.maxItemSize(),
                base.maxConnections(), base.threads(), base.idleTimeout(), false, base.dataDir(), node.config().tls(),
                PlainConfig.OFF, base.auth().disabled());
        try (RunningNode other = RunningNode.start(onOtherAddress, Clock.system())) {
            CliRun.Result r = new CliRun(home).run("-H", "127.0.0.2", "-p", Integer.toString(other.port()),
                    "--ca", clusterCa.toString(), "count");
            assertThat(r.exit()).isEqualTo(3);
            assertThat(r.err()).startsWith("TLS handshake with 127.0.0.2:" + other.port()
                    + " failed: the server's certificate does not name 127.0.0.2");
        }
    }

    @Test
    void refusesAServerWhoseCertificateAnotherCaSigned() {
        CliRun.Result r = cli(foreignCa, "-u", "admin", "--password", "s3cret", "get", "tls.k");
        assertThat(r.exit()).isEqualTo(3);
        assertThat(r.err()).isEqualTo("TLS handshake with 127.0.0.1:" + node.port() + " failed: the server's"
                + " certificate is not signed by the CA in " + foreignCa
                + " (give the cluster's CA with --ca FILE)\n");
        assertThat(r.out()).isEmpty();
    }

    @Test
    void saysWhichSideSpeaksPlaintext() {
        CliRun.Result toTls = new CliRun(home).run("--plain", "-p", Integer.toString(node.port()), "get", "k");
        assertThat(toTls.exit()).isEqualTo(3);
        assertThat(toTls.err()).contains("(is it a TLS port? then leave out --plain)");
        CliRun.Result toPlain = new CliRun(home).run("-p", Integer.toString(node.plainPort()), "--ca",
                clusterCa.toString(), "get", "k");
        assertThat(toPlain.exit()).isEqualTo(3);
        assertThat(toPlain.err()).isEqualTo("TLS handshake with 127.0.0.1:" + node.plainPort() + " failed: the server"
                + " did not answer in TLS (is it a plaintext port? then use --plain)\n");
    }

    @Test
    void aMissingCaFileIsNamed() {
        Path missing = elsewhere.resolve("nowhere/ca.crt");
        CliRun.Result r = cli(missing, "get", "k");
        assertThat(r.exit()).isEqualTo(3);
        assertThat(r.err()).isEqualTo("CA file " + missing + " does not exist: give the cluster's CA with --ca FILE,"
                + " or use --plain for a plaintext port\n");
    }

    @Test
    void aWrongPasswordExitsThreeWithAClearMessage() {
        CliRun.Result r = cli(clusterCa, "-u", "admin", "--password", "wrong", "get", "tls.k");
        assertThat(r.exit()).isEqualTo(3);
        assertThat(r.err()).isEqualTo("login refused for user 'admin': wrong username or password\n");
    }

    @Test
    void aServerThatWantsALoginSaysSo() {
        CliRun.Result r = cli(clusterCa, "get", "tls.k");
        assertThat(r.exit()).isEqualTo(3);
        assertThat(r.err()).isEqualTo("the server at 127.0.0.1:" + node.port()
                + " requires a login: give --username (and the password)\n");
    }

    @Test
    void thePasswordMayComeFromTheEnvironment() {
        CliRun.Result r = new CliRun(home).env("MEMCLUSTER_PASSWORD", "s3cret").env("MEMCLUSTER_USER", "admin")
                .run("-p", Integer.toString(node.port()), "--ca", clusterCa.toString(), "has", "tls.none");
        assertThat(r.exit()).as(r.toString()).isEqualTo(1);
        assertThat(r.out()).isEqualTo("no\n");
    }

    @Test
    void withoutAPasswordOrATerminalToAskOnItIsAUsageError() {
        CliRun.Result r = cli(clusterCa, "-u", "admin", "get", "tls.k");
        assertThat(r.exit()).isEqualTo(2);
        assertThat(r.err()).isEqualTo("no password for user 'admin': set MEMCLUSTER_PASSWORD or give --password"
                + " (there is no terminal to ask on)\n");
    }

    @Test
    void permissionDeniedNamesWhatWasDenied() throws Exception {
        assertThat(cli(clusterCa, "-u", "admin", "--password", "s3cret", "set", "cart.x", "in").exit()).isZero();
        assertThat(cli(clusterCa, "-u", "admin", "--password", "s3cret", "set", "orders.y", "out").exit()).isZero();
        // cart:read reads cart.x, and may neither write it nor read orders.y
        CliRun.Result read = cli(clusterCa, "-u", "reader", "--password", "r3ad", "get", "cart.x");
        assertThat(read.out()).as(read.toString()).isEqualTo("in\n");

        CliRun.Result write = cli(clusterCa, "-u", "reader", "--password", "r3ad", "-n", "cart", "put", "x", "z");
        assertThat(write.exit()).isEqualTo(3);
        assertThat(write.err()).isEqualTo("permission denied: cannot write namespace cart\n");

        CliRun.Result other = cli(clusterCa, "-u", "reader", "--password", "r3ad", "get", "orders.y");
        assertThat(other.exit()).isEqualTo(3);
        assertThat(other.err()).isEqualTo("permission denied: cannot read namespace orders\n");
        assertThat(other.out()).isEmpty();

        CliRun.Result json = cli(clusterCa, "-u", "reader", "--password", "r3ad", "--json", "delete", "cart.x");
        JsonNode reply = JSON.readTree(json.out());
        assertThat(reply.get("exit").asInt()).isEqualTo(3);
        assertThat(reply.get("error").asText()).isEqualTo("permission denied: cannot write namespace cart");
    }
}
