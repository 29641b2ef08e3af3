package io.memcluster.certs;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.memcluster.time.ManualClock;
import java.math.BigInteger;
import java.security.cert.CertPathValidator;
import java.security.cert.CertPathValidatorException;
import java.security.cert.CertificateFactory;
import java.security.cert.PKIXParameters;
import java.security.cert.TrustAnchor;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Date;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class CertificateAuthorityTest {

    private static final String SERVER_AUTH = "1.3.6.1.5.5.7.3.1";
    private static final String CLIENT_AUTH = "1.3.6.1.5.5.7.3.2";
    // java.security.cert.X509Certificate#getSubjectAlternativeNames types.
    private static final int DNS = 2;
    private static final int IP = 7;
    // Indexes into X509Certificate#getKeyUsage.
    private static final int DIGITAL_SIGNATURE = 0;
    private static final int KEY_ENCIPHERMENT = 2;
    private static final int KEY_CERT_SIGN = 5;

    private final ManualClock clock = new ManualClock();
    private final Instant now = Instant.ofEpochMilli(clock.millis());

    @ParameterizedTest
    @EnumSource(KeyAlgorithm.class)
    void caIsSelfSignedAndMaySignLeavesOnly(KeyAlgorithm algorithm) throws Exception {
        CertificateAuthority ca = CertificateAuthority.create(algorithm, clock, 3650);
        X509Certificate cert = ca.certificate();

        cert.verify(cert.getPublicKey());
        assertThat(cert.getSubjectX500Principal()).isEqualTo(cert.getIssuerX500Principal());
        assertThat(cert.getSubjectX500Principal().getName()).startsWith("CN=memcluster CA ");
        assertThat(cert.getBasicConstraints()).isZero();
        assertThat(cert.getKeyUsage()[KEY_CERT_SIGN]).isTrue();
        assertThat(cert.getKeyUsage()[DIGITAL_SIGNATURE]).isFalse();
        assertThat(cert.getNotAfter().toInstant()).isEqualTo(now.plus(Duration.ofDays(3650)));
        assertThat(cert.getPublicKey().getAlgorithm()).isEqualTo(
                algorithm == KeyAlgorithm.EC_P256 ? "EC" : "RSA");
        assertThat(cert.getSigAlgName()).isEqualToIgnoringCase(algorithm.signatureAlgorithm());
    }

    @Test
    void twoCasHaveDifferentNames() {
        CertificateAuthority one = CertificateAuthority.create(clock, 10);
        CertificateAuthority two = CertificateAuthority.create(clock, 10);

        assertThat(one.certificate().getSubjectX500Principal())
                .isNotEqualTo(two.certificate().getSubjectX500Principal());
    }

    @ParameterizedTest
    @EnumSource(KeyAlgorithm.class)
    void serverCertificateChainsToTheCa(KeyAlgorithm algorithm) throws Exception {
        CertificateAuthority ca = CertificateAuthority.create(algorithm, clock, 3650);
        IssuedCertificate server = ca.issueServer(List.of("cache.example.com"), 825);

        server.certificate().verify(ca.certificate().getPublicKey());
        validatePkix(server.certificate(), ca.certificate());
        assertThat(server.certificate().getIssuerX500Principal())
                .isEqualTo(ca.certificate().getSubjectX500Principal());
        assertThat(server.privateKey().getAlgorithm())
                .isEqualTo(ca.certificate().getPublicKey().getAlgorithm());
    }

    @Test
    void leafFromAnotherCaDoesNotValidate() {
        CertificateAuthority ours = CertificateAuthority.create(clock, 3650);
        CertificateAuthority theirs = CertificateAuthority.create(clock, 3650);
        IssuedCertificate foreign = theirs.issueServer(List.of(), 825);

        assertThatThrownBy(() -> validatePkix(foreign.certificate(), ours.certificate()))
                .isInstanceOf(CertPathValidatorException.class);
    }

    @Test
    void serverNamesCoverGivenHostsAndLoopback() throws Exception {
        CertificateAuthority ca = CertificateAuthority.create(clock, 3650);
        X509Certificate cert = ca.issueServer(
                List.of("node1.example.com", "10.0.0.5", "[fd00::7]", "Cache.Example.ORG"), 825)
                .certificate();

        assertThat(namesOfType(cert, DNS))
                .containsExactly("node1.example.com", "cache.example.org", "localhost");
        // The JDK renders IPv6 entries in full, uncompressed form.
        assertThat(namesOfType(cert, IP))
                .containsExactly("10.0.0.5", "fd00:0:0:0:0:0:0:7", "127.0.0.1", "0:0:0:0:0:0:0:1");
        assertThat(cert.getSubjectX500Principal().getName()).isEqualTo("CN=node1.example.com");
    }

    @Test
    void serverWithoutHostsStillCoversLoopback() throws Exception {
        CertificateAuthority ca = CertificateAuthority.create(clock, 3650);
        X509Certificate cert = ca.issueServer(List.of(), 825).certificate();

        assertThat(namesOfType(cert, DNS)).containsExactly("localhost");
        assertThat(namesOfType(cert, IP)).containsExactly("127.0.0.1", "0:0:0:0:0:0:0:1");
        assertThat(cert.getSubjectX500Principal().getName()).isEqualTo("CN=localhost");
    }

    @Test
    void serverCertificateIsForServersAndClientsButNotACa() throws Exception {
        CertificateAuthority ca = CertificateAuthority.create(clock, 3650);
        X509Certificate cert = ca.issueServer(List.of(), 825).certificate();

        assertThat(cert.getExtendedKeyUsage()).containsExactly(SERVER_AUTH, CLIENT_AUTH);
        assertThat(cert.getKeyUsage()[DIGITAL_SIGNATURE]).isTrue();
        assertThat(cert.getKeyUsage()[KEY_CERT_SIGN]).isFalse();
        assertThat(cert.getBasicConstraints()).isEqualTo(-1);
        assertThat(cert.getCriticalExtensionOIDs()).contains("2.5.29.15", "2.5.29.19");
    }

    @Test
    void rsaServerKeyMayEncipherForTls12KeyExchange() {
        CertificateAuthority ca = CertificateAuthority.create(KeyAlgorithm.RSA_2048, clock, 3650);
        X509Certificate cert = ca.issueServer(List.of(), 825).certificate();

        assertThat(cert.getKeyUsage()[KEY_ENCIPHERMENT]).isTrue();
    }

    @Test
    void clientCertificateNamesTheUserAndIsForClientsOnly() throws Exception {
        CertificateAuthority ca = CertificateAuthority.create(clock, 3650);
        IssuedCertificate client = ca.issueClient("alice.ops-1", 30);

        validatePkix(client.certificate(), ca.certificate());
        assertThat(client.subject()).isEqualTo("CN=alice.ops-1");
        assertThat(client.certificate().getExtendedKeyUsage()).containsExactly(CLIENT_AUTH);
        assertThat(client.certificate().getSubjectAlternativeNames()).isNull();
        assertThat(client.certificate().getBasicConstraints()).isEqualTo(-1);
    }

    @Test
    void validityIsWhatWasAskedWithAnHourOfSkewBefore() {
        CertificateAuthority ca = CertificateAuthority.create(clock, 3650);
        clock.advance(Duration.ofDays(100));
        Instant later = Instant.ofEpochMilli(clock.millis());

        IssuedCertificate server = ca.issueServer(List.of(), 90);

        assertThat(server.expires()).isEqualTo(later.plus(Duration.ofDays(90)));
        assertThat(server.certificate().getNotBefore().toInstant())
                .isEqualTo(later.minus(Duration.ofHours(1)));
    }

    @Test
    void leafNeverOutlivesItsCa() {
        CertificateAuthority ca = CertificateAuthority.create(clock, 100);

        IssuedCertificate client = ca.issueClient("bob", 825);

        assertThat(client.expires()).isEqualTo(ca.certificate().getNotAfter().toInstant());
    }

    @Test
    void serialsArePositiveRandomAndAtMost128Bits() {
        CertificateAuthority ca = CertificateAuthority.create(clock, 3650);
        List<BigInteger> serials = new ArrayList<>();
        serials.add(ca.certificate().getSerialNumber());
        for (int i = 0; i < 20; i++) {
            serials.add(ca.issueClient("user" + i, 1).certificate().getSerialNumber());
        }

        assertThat(serials).allSatisfy(serial -> {
            assertThat(serial.signum()).isPositive();
            assertThat(serial.bitLength()).isLessThanOrEqualTo(128);
        });
        assertThat(serials).doesNotHaveDuplicates();
        // 21 random 128-bit numbers all below 2^100 would be a broken generator.
        assertThat(serials).anySatisfy(serial -> assertThat(serial.bitLength()).isGreaterThan(100));
    }

    @Test
    void refusesBadUserNamesAndHosts() {
        CertificateAuthority ca = CertificateAuthority.create(clock, 3650);

        assertThatThrownBy(() -> ca.issueClient("alice/../root", 1))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("alice/../root");
        assertThatThrownBy(() -> ca.issueClient("", 1))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> ca.issueClient("x".repeat(65), 1))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> ca.issueServer(List.of("bad host"), 1))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("not a valid host name or IP address: 'bad host'");
        assertThatThrownBy(() -> ca.issueServer(List.of(), 0))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("days must be between 1 and 36500: got 0");
    }

    @Test
    void rebuildsFromItsCertificateAndKey() {
        CertificateAuthority original = CertificateAuthority.create(clock, 3650);
        CertificateAuthority again = CertificateAuthority.of(
                original.certificate(), original.privateKey(), clock);

        IssuedCertificate client = again.issueClient("carol", 10);

        assertThat(client.certificate().getIssuerX500Principal())
                .isEqualTo(original.certificate().getSubjectX500Principal());
    }

    @Test
    void refusesAKeyThatIsNotTheCertificates() {
        CertificateAuthority one = CertificateAuthority.create(clock, 3650);
        CertificateAuthority two = CertificateAuthority.create(clock, 3650);

        assertThatThrownBy(() -> CertificateAuthority.of(one.certificate(), two.privateKey(), clock))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("does not belong");
    }

    @Test
    void refusesALeafAsCa() {
        CertificateAuthority ca = CertificateAuthority.create(clock, 3650);
        IssuedCertificate leaf = ca.issueServer(List.of(), 10);

        assertThatThrownBy(() -> CertificateAuthority.of(leaf.certificate(), leaf.privateKey(), clock))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("is not a CA certificate");
    }

    @Test
    void toStringNeverShowsTheKey() {
        CertificateAuthority ca = CertificateAuthority.create(KeyAlgorithm.RSA_2048, clock, 3650);
        IssuedCertificate client = ca.issueClient("dave", 10);
        String encodedKey = Base64.getEncoder()
                .encodeToString(client.privateKey().getEncoded()).substring(0, 40);

        assertThat(client.toString()).isEqualTo("IssuedCertificate[subject=CN=dave, expires="
                + client.expires() + "]");
        assertThat(client.toString() + ca).doesNotContain(encodedKey);
    }

    private void validatePkix(X509Certificate leaf, X509Certificate ca) throws Exception {
        CertificateFactory factory = CertificateFactory.getInstance("X.509");
        PKIXParameters parameters = new PKIXParameters(Set.of(new TrustAnchor(ca, null)));
        parameters.setRevocationEnabled(false);
        parameters.setDate(Date.from(now.plus(Duration.ofMinutes(1))));
        CertPathValidator.getInstance("PKIX")
                .validate(factory.generateCertPath(List.of(leaf)), parameters);
    }

    private static List<String> namesOfType(X509Certificate cert, int type) throws Exception {
        List<String> names = new ArrayList<>();
        for (List<?> entry : cert.getSubjectAlternativeNames()) {
            if ((Integer) entry.get(0) == type) {
                names.add((String) entry.get(1));
            }
        }
        return names;
    }
}
