package io.memcluster.certs;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

class CertsCommandTest {

    @TempDir
    Path temp;

    private final StringWriter out = new StringWriter();
    private final StringWriter err = new StringWriter();

    @Test
    void generatePrintsEachFileAndExpiry() throws Exception {
        Path dir = temp.resolve("certs");

        int code = run("generate", "--out", dir.toString(), "--host", "node1.example.com,10.0.0.5",
                "--days", "30");

        assertThat(code).isZero();
        assertThat(err.toString()).isEmpty();
        X509Certificate ca = Pem.readCertificate(dir.resolve("ca.crt"));
        X509Certificate server = Pem.readCertificate(dir.resolve("server.crt"));
        X509Certificate client = Pem.readCertificate(dir.resolve("client.crt"));
        assertThat(lines(out)).containsExactly(
                "wrote " + dir.resolve("ca.crt") + ", expires " + date(ca),
                "wrote " + dir.resolve("ca.key") + " (private key, owner-only)",
                "wrote " + dir.resolve("server.crt") + ", expires " + date(server),
                "wrote " + dir.resolve("server.key") + " (private key, owner-only)",
                "wrote " + dir.resolve("client.crt") + ", expires " + date(client),
                "wrote " + dir.resolve("client.key") + " (private key, owner-only)");
        assertThat(server.getNotAfter().toInstant())
                .isBetween(Instant.now().plus(Duration.ofDays(30)).minusSeconds(60),
                        Instant.now().plus(Duration.ofDays(30)));
        assertThat(ca.getNotAfter().toInstant()).isAfter(Instant.now().plus(Duration.ofDays(3649)));
        List<Object> names = new ArrayList<>();
        server.getSubjectAlternativeNames().forEach(entry -> names.add(entry.get(1)));
        assertThat(names).contains("node1.example.com", "10.0.0.5", "localhost", "127.0.0.1");
        assertThat(out.toString()).doesNotContain("PRIVATE KEY");
    }

    @Test
    void generateTwiceRefusesAndForceReplaces() throws Exception {
        Path dir = temp.resolve("certs");
        assertThat(run("generate", "--out", dir.toString())).isZero();
        byte[] caKey = Files.readAllBytes(dir.resolve("ca.key"));

        int refused = run("generate", "--out", dir.toString());

        assertThat(refused).isEqualTo(1);
        assertThat(err.toString()).isEqualTo("memcluster certs: " + dir.resolve("ca.crt")
                + " already exists; nothing was written (pass --force to replace it)\n");
        assertThat(Files.readAllBytes(dir.resolve("ca.key"))).isEqualTo(caKey);

        int forced = run("generate", "--out", dir.toString(), "--force");

        assertThat(forced).isZero();
        assertThat(Files.readAllBytes(dir.resolve("ca.key"))).isNotEqualTo(caKey);
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(dir.resolve("ca.key"))))
                .isEqualTo("rw-------");
    }

    @Test
    void clientCertificateForAUser() throws Exception {
        Path dir = temp.resolve("certs");
        run("generate", "--out", dir.toString());
        out.getBuffer().setLength(0);

        int code = run("client", "--user", "alice", "--out", dir.toString(), "--days", "7");

        assertThat(code).isZero();
        X509Certificate cert = Pem.readCertificate(dir.resolve("client-alice.crt"));
        assertThat(cert.getSubjectX500Principal().getName()).isEqualTo("CN=alice");
        cert.verify(Pem.readCertificate(dir.resolve("ca.crt")).getPublicKey());
        assertThat(lines(out)).containsExactly(
                "wrote " + dir.resolve("client-alice.crt") + ", expires " + date(cert),
                "wrote " + dir.resolve("client-alice.key") + " (private key, owner-only)");
        assertThat(PosixFilePermissions.toString(
                Files.getPosixFilePermissions(dir.resolve("client-alice.key")))).isEqualTo("rw-------");
    }

    @Test
    void clientWithoutCaSaysToGenerateFirst() {
        Path dir = temp.resolve("empty");

        int code = run("client", "--user", "alice", "--out", dir.toString());

        assertThat(code).isEqualTo(1);
        assertThat(err.toString()).isEqualTo("memcluster certs: no CA in " + dir + " ("
                + dir.resolve("ca.crt") + " is missing); run 'memcluster certs generate --out "
                + dir + "' first\n");
        assertThat(out.toString()).isEmpty();
    }

    @Test
    void clientRefusesToReplaceAUsersCertificate() {
        Path dir = temp.resolve("certs");
        run("generate", "--out", dir.toString());
        run("client", "--user", "bob", "--out", dir.toString());
        err.getBuffer().setLength(0);

        assertThat(run("client", "--user", "bob", "--out", dir.toString())).isEqualTo(1);
        assertThat(err.toString()).contains(dir.resolve("client-bob.crt") + " already exists");
        assertThat(run("client", "--user", "bob", "--out", dir.toString(), "--force")).isZero();
    }

    @Test
    void serverCertificateFromTheExistingCa() throws Exception {
        Path dir = temp.resolve("certs");
        run("generate", "--out", dir.toString());
        X509Certificate ca = Pem.readCertificate(dir.resolve("ca.crt"));

        int code = run("server", "--host", "node2.example.com", "--out", dir.toString(), "--force");

        assertThat(code).isZero();
        X509Certificate server = Pem.readCertificate(dir.resolve("server.crt"));
        server.verify(ca.getPublicKey());
        assertThat(server.getSubjectX500Principal().getName()).isEqualTo("CN=node2.example.com");
        assertThat(Pem.readCertificate(dir.resolve("ca.crt"))).isEqualTo(ca);
    }

    @Test
    void badInputIsAUsageError() {
        Path dir = temp.resolve("certs");

        assertThat(run("client", "--user", "no/slashes", "--out", dir.toString())).isEqualTo(2);
        assertThat(err.toString()).contains("user name must be 1-64 letters, digits");
        assertThat(run("client", "--out", dir.toString())).isEqualTo(2);
        assertThat(err.toString()).contains("Missing required option: '--user=NAME'");
        assertThat(run("generate", "--out", dir.toString(), "--host", "bad host")).isEqualTo(2);
        assertThat(err.toString()).contains("not a valid host name or IP address: 'bad host'");
        assertThat(run("generate", "--out", dir.toString(), "--days", "0")).isEqualTo(2);
        assertThat(err.toString()).contains("days must be between 1 and 36500: got 0");
        assertThat(run("generate", "--out", dir.toString(), "--days", "many")).isEqualTo(2);
        assertThat(run("generate", "--bogus")).isEqualTo(2);
        assertThat(run()).isEqualTo(2);
        assertThat(err.toString()).contains("missing command: generate, server or client");
        // None of those refused runs may have left anything behind.
        assertThat(dir).doesNotExist();
    }

    @Test
    void helpDocumentsEveryOption() {
        assertThat(run("--help")).isZero();
        assertThat(out.toString()).contains("generate", "server", "client", "Exit codes:");

        out.getBuffer().setLength(0);
        assertThat(run("generate", "--help")).isZero();
        // Whitespace squeezed: picocli wraps descriptions to the terminal width.
        assertThat(out.toString().replaceAll("\\s+", " ")).contains("--host=HOST", "--out=DIR",
                "--days=N", "--ca-days=N", "--force", "default: data/certs", "default: 825",
                "default: 3650", "localhost, 127.0.0.1 and ::1 are always included");

        out.getBuffer().setLength(0);
        assertThat(run("client", "--help")).isZero();
        assertThat(out.toString()).contains("--user=NAME", "--out=DIR", "--days=N", "--force",
                "client-<user>.crt");
    }

    private int run(String... args) {
        CommandLine command = new CommandLine(new CertsCommand());
        command.setOut(new PrintWriter(out, true));
        command.setErr(new PrintWriter(err, true));
        return command.execute(args);
    }

    private static List<String> lines(StringWriter writer) {
        return new ArrayList<>(writer.toString().lines().toList());
    }

    private static String date(X509Certificate cert) {
        return cert.getNotAfter().toInstant().atZone(ZoneOffset.UTC).toLocalDate().toString();
    }
}
