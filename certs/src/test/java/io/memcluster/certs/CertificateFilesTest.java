package io.memcluster.certs;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.memcluster.time.ManualClock;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CertificateFilesTest {

    private static final List<String> GENERATED = List.of(
            "ca.crt", "ca.key", "server.crt", "server.key", "client.crt", "client.key");

    @TempDir
    Path temp;

    private final ManualClock clock = new ManualClock();

    @Test
    void generateWritesTheLayoutAndReportsExpiry() throws Exception {
        Path dir = temp.resolve("certs");
        List<WrittenFile> written = new CertificateFiles(dir, clock)
                .generate(List.of("10.0.0.5"), 3650, 825, false);

        assertThat(written).extracting(file -> file.path().getFileName().toString())
                .containsExactlyElementsOf(GENERATED);
        assertThat(listing(dir)).containsExactlyInAnyOrderElementsOf(GENERATED);
        Instant now = Instant.ofEpochMilli(clock.millis());
        assertThat(written.get(0).expires()).contains(now.plus(Duration.ofDays(3650)));
        assertThat(written.get(1).expires()).isEmpty();
        assertThat(written.get(2).expires()).contains(now.plus(Duration.ofDays(825)));
        assertThat(written.get(4).expires()).contains(now.plus(Duration.ofDays(825)));
    }

    @Test
    void filesAreThePemTheyShouldBe() throws Exception {
        CertificateFiles files = new CertificateFiles(temp, clock);
        files.generate(List.of(), 3650, 825, false);

        X509Certificate ca = Pem.readCertificate(files.caCertificate());
        X509Certificate server = Pem.readCertificate(files.serverCertificate());
        X509Certificate client = Pem.readCertificate(files.clientCertificate());
        server.verify(ca.getPublicKey());
        client.verify(ca.getPublicKey());
        assertThat(client.getSubjectX500Principal().getName()).isEqualTo("CN=coordinator");
        assertThat(Files.readString(files.serverKey()))
                .startsWith("-----BEGIN PRIVATE KEY-----\n")
                .endsWith("-----END PRIVATE KEY-----\n");
        assertThat(Files.readString(files.caCertificate()))
                .startsWith("-----BEGIN CERTIFICATE-----\n");
        // The key file really is this certificate's key: the CA loads back from its pair.
        assertThat(files.loadAuthority().certificate()).isEqualTo(ca);
    }

    @Test
    void keysAreOwnerOnlyAndCertificatesReadable() throws Exception {
        CertificateFiles files = new CertificateFiles(temp.resolve("certs"), clock);
        files.generate(List.of(), 3650, 825, false);
        files.issueClient("alice", 30, false);

        for (Path key : List.of(files.caKey(), files.serverKey(), files.clientKey(),
                files.userKey(new UserName("alice")))) {
            assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(key)))
                    .as(key.toString()).isEqualTo("rw-------");
        }
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(files.caCertificate())))
                .isIn("rw-r--r--", "rw-r-----", "rw-------");
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(files.dir())))
                .isEqualTo("rwx------");
    }

    @Test
    void secondGenerateRefusesAndTouchesNothing() throws Exception {
        CertificateFiles files = new CertificateFiles(temp, clock);
        files.generate(List.of(), 3650, 825, false);
        Map<String, String> before = contents(temp);

        assertThatThrownBy(() -> files.generate(List.of(), 3650, 825, false))
                .isInstanceOf(FileAlreadyExistsException.class)
                .hasMessageContaining(files.caCertificate().toString());
        assertThat(contents(temp)).isEqualTo(before);
    }

    @Test
    void oneExistingFileIsEnoughToRefuseTheWholeSet() throws Exception {
        CertificateFiles files = new CertificateFiles(temp, clock);
        Files.writeString(files.clientKey(), "mine");

        assertThatThrownBy(() -> files.generate(List.of(), 3650, 825, false))
                .isInstanceOf(FileAlreadyExistsException.class)
                .hasMessageContaining("client.key");
        assertThat(listing(temp)).containsExactly("client.key");
        assertThat(Files.readString(files.clientKey())).isEqualTo("mine");
    }

    @Test
    void forceReplacesEveryFileAndKeepsKeysPrivate() throws Exception {
        CertificateFiles files = new CertificateFiles(temp, clock);
        files.generate(List.of(), 3650, 825, false);
        Map<String, String> before = contents(temp);

        files.generate(List.of(), 3650, 825, true);

        Map<String, String> after = contents(temp);
        assertThat(after.keySet()).containsExactlyInAnyOrderElementsOf(GENERATED);
        for (String name : GENERATED) {
            assertThat(after.get(name)).as(name).isNotEqualTo(before.get(name));
        }
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(files.caKey())))
                .isEqualTo("rw-------");
    }

    @Test
    void userCertificateComesFromTheExistingCa() throws Exception {
        CertificateFiles files = new CertificateFiles(temp, clock);
        files.generate(List.of(), 3650, 825, false);

        List<WrittenFile> written = files.issueClient("bob_2", 90, false);

        assertThat(written).extracting(WrittenFile::path)
                .containsExactly(temp.resolve("client-bob_2.crt"), temp.resolve("client-bob_2.key"));
        X509Certificate cert = Pem.readCertificate(temp.resolve("client-bob_2.crt"));
        cert.verify(Pem.readCertificate(files.caCertificate()).getPublicKey());
        assertThat(cert.getSubjectX500Principal().getName()).isEqualTo("CN=bob_2");
        assertThatThrownBy(() -> files.issueClient("bob_2", 90, false))
                .isInstanceOf(FileAlreadyExistsException.class)
                .hasMessageContaining("client-bob_2.crt");
    }

    @Test
    void userCertificateNeedsACa() {
        CertificateFiles files = new CertificateFiles(temp, clock);

        assertThatThrownBy(() -> files.issueClient("alice", 90, false))
                .isInstanceOf(NoSuchFileException.class)
                .hasMessageContaining("ca.crt");
        assertThat(listing(temp)).isEmpty();
    }

    @Test
    void serverCertificateForAnotherHostFromTheSameCa() throws Exception {
        CertificateFiles files = new CertificateFiles(temp, clock);
        files.generate(List.of(), 3650, 825, false);

        files.issueServer(List.of("node2.example.com"), 825, true);

        X509Certificate server = Pem.readCertificate(files.serverCertificate());
        server.verify(Pem.readCertificate(files.caCertificate()).getPublicKey());
        assertThat(server.getSubjectX500Principal().getName()).isEqualTo("CN=node2.example.com");
    }

    @Test
    void ensureDefaultsWritesOnceThenLeavesTheFolderAlone() throws Exception {
        Path dir = temp.resolve("data").resolve("certs");

        List<WrittenFile> first = CertificateFiles.ensureDefaults(dir, clock);
        Map<String, String> afterFirst = contents(dir);
        List<WrittenFile> second = CertificateFiles.ensureDefaults(dir, clock);

        assertThat(first).hasSize(6);
        assertThat(second).isEmpty();
        assertThat(contents(dir)).isEqualTo(afterFirst);
        X509Certificate server = Pem.readCertificate(dir.resolve("server.crt"));
        assertThat(server.getNotAfter().toInstant())
                .isEqualTo(Instant.ofEpochMilli(clock.millis()).plus(Duration.ofDays(825)));
    }

    @Test
    void ensureDefaultsKeepsAnOperatorsServerCertificate() throws Exception {
        Files.writeString(temp.resolve("server.crt"), "operator's own");

        assertThat(CertificateFiles.ensureDefaults(temp, clock)).isEmpty();
        assertThat(listing(temp)).containsExactly("server.crt");
    }

    @Test
    void unreadableCaSaysWhichFile() throws Exception {
        CertificateFiles files = new CertificateFiles(temp, clock);
        files.generate(List.of(), 3650, 825, false);
        Files.writeString(files.caKey(), "-----BEGIN PRIVATE KEY-----\n!!!\n-----END PRIVATE KEY-----\n");

        assertThatThrownBy(files::loadAuthority)
                .hasMessageStartingWith(files.caKey().toString());
    }

    @Test
    void mismatchedCaKeyIsRefused() throws Exception {
        CertificateFiles files = new CertificateFiles(temp, clock);
        files.generate(List.of(), 3650, 825, false);
        Files.copy(files.serverKey(), files.caKey(), StandardCopyOption.REPLACE_EXISTING);

        assertThatThrownBy(files::loadAuthority)
                .hasMessageContaining("does not belong");
    }

    private static List<String> listing(Path dir) {
        try (Stream<Path> entries = Files.list(dir)) {
            return entries.map(path -> path.getFileName().toString()).sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static Map<String, String> contents(Path dir) throws Exception {
        Map<String, String> contents = new LinkedHashMap<>();
        for (String name : listing(dir)) {
            contents.put(name, Files.readString(dir.resolve(name)));
        }
        return contents;
    }
}
