package io.memcluster.server.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.memcluster.certs.CertificateFiles;
import io.memcluster.server.LogCapture;
import io.memcluster.server.RunningNode;
import io.memcluster.server.TestTls;
import io.memcluster.server.TestUsers;
import io.memcluster.testkit.RawClient;
import io.memcluster.time.Clock;
import io.netty.handler.ssl.SslProvider;
import java.math.BigInteger;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.List;
import javax.net.ssl.SSLSocket;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Certificates replaced while the node runs, with both TLS providers: a good new pair is in
 * force within seconds (or at once on SIGHUP's reload), a broken one is refused with a log line
 * and the old certificate keeps serving.
 */
class TlsReloadTest {

    @TempDir
    Path dataDir;

    @ParameterizedTest
    @EnumSource(value = SslProvider.class, names = {"OPENSSL", "JDK"})
    void newCertificateIsServedWithoutARestart(SslProvider provider) throws Exception {
        TestUsers.add(dataDir, "foo", "bar", "ADMIN");
        try (RunningNode node = RunningNode.start(RunningNode.secureConfig(dataDir), Clock.system(), provider);
                RawClient before = connect(node)) {
            BigInteger first = serial(before);

            replaceServerCertificate();

            await().atMost(Duration.ofSeconds(15)).pollInterval(Duration.ofMillis(200))
                    .until(() -> !servedSerial(node).equals(first));
            // a connection made before goes on with the certificate it started with
            assertThat(before.login("foo", "bar")).isEqualTo("STORED");
        }
    }

    @ParameterizedTest
    @EnumSource(value = SslProvider.class, names = {"OPENSSL", "JDK"})
    void brokenCertificateIsRefusedAndTheOldOneStays(SslProvider provider) throws Exception {
        try (LogCapture log = new LogCapture();
                RunningNode node = RunningNode.start(RunningNode.secureConfig(dataDir), Clock.system(), provider)) {
            BigInteger first = servedSerial(node);
            Path certs = dataDir.resolve("certs");
            Files.writeString(certs.resolve("server.crt"), "-----BEGIN CERTIFICATE-----\nnot base64\n");

            node.server().reloader().reloadChanged();

            assertThat(log.lines()).anySatisfy(line -> assertThat(line)
                    .startsWith("ERROR io.memcluster.tls.ReloadableServerTls TLS files not reloaded,"
                            + " the previous certificate stays in force: "));
            assertThat(servedSerial(node)).isEqualTo(first);
        }
    }

    @ParameterizedTest
    @EnumSource(value = SslProvider.class, names = {"OPENSSL", "JDK"})
    void keyOfAnotherCertificateIsRefused(SslProvider provider) throws Exception {
        try (LogCapture log = new LogCapture();
                RunningNode node = RunningNode.start(RunningNode.secureConfig(dataDir), Clock.system(), provider)) {
            BigInteger first = servedSerial(node);
            Path certs = dataDir.resolve("certs");
            // a valid key, but the coordinator's: the pair cannot complete a handshake
            Files.copy(certs.resolve("client.key"), certs.resolve("server.key"), StandardCopyOption.REPLACE_EXISTING);

            node.server().reloader().reloadChanged();

            assertThat(log.lines()).anySatisfy(line -> assertThat(line)
                    .startsWith("ERROR io.memcluster.tls.ReloadableServerTls TLS files not reloaded")
                    .contains("a test handshake with this certificate and key fails"));
            assertThat(servedSerial(node)).isEqualTo(first);
        }
    }

    private void replaceServerCertificate() throws Exception {
        new CertificateFiles(dataDir.resolve("certs"), Clock.system()).issueServer(List.of("localhost"), 30, true);
    }

    private RawClient connect(RunningNode node) throws Exception {
        return RawClient.tls(node.port(), TestTls.trusting(TestTls.ca(dataDir)));
    }

    private BigInteger servedSerial(RunningNode node) throws Exception {
        try (RawClient client = connect(node)) {
            return serial(client);
        }
    }

    private static BigInteger serial(RawClient client) throws Exception {
        SSLSocket socket = (SSLSocket) client.socket();
        return ((X509Certificate) socket.getSession().getPeerCertificates()[0]).getSerialNumber();
    }
}
