package io.memcluster.certs;

import io.memcluster.time.Clock;
import java.io.IOException;
import java.math.BigInteger;
import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.NoSuchAlgorithmException;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.SecureRandom;
import java.security.Signature;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Date;
import java.util.HexFormat;
import java.util.List;
import org.bouncycastle.asn1.DEROctetString;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x500.X500NameBuilder;
import org.bouncycastle.asn1.x500.style.BCStyle;
import org.bouncycastle.asn1.x509.BasicConstraints;
import org.bouncycastle.asn1.x509.ExtendedKeyUsage;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.bouncycastle.asn1.x509.KeyPurposeId;
import org.bouncycastle.asn1.x509.KeyUsage;
import org.bouncycastle.cert.CertIOException;
import org.bouncycastle.cert.X509v3CertificateBuilder;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509ExtensionUtils;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.operator.OperatorCreationException;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;

/**
 * The cluster's certificate authority: a self-signed CA certificate and its key, which sign
 * server certificates for nodes and coordinators and client certificates for the coordinator
 * and for users. BouncyCastle only builds and encodes the certificates; keys and signatures
 * come from the JDK's providers, so using this installs no security provider in the process.
 */
public final class CertificateAuthority {

    // The public key inside the CA's own certificate; signs certificates, never TLS traffic.
    private static final int CA_KEY_USAGE = KeyUsage.keyCertSign | KeyUsage.cRLSign;

    private final X509Certificate certificate;
    private final PrivateKey privateKey;
    private final KeyAlgorithm algorithm;
    private final Clock clock;
    private final SecureRandom random = new SecureRandom();

    private CertificateAuthority(X509Certificate certificate, PrivateKey privateKey, Clock clock) {
        this.certificate = certificate;
        this.privateKey = privateKey;
        this.algorithm = KeyAlgorithm.of(certificate.getPublicKey());
        this.clock = clock;
    }

    /** A new CA with an EC P-256 key, valid for {@code days} days from now. */
    public static CertificateAuthority create(Clock clock, int days) {
        return create(KeyAlgorithm.EC_P256, clock, days);
    }

    /** A new CA with a key of the given kind, valid for {@code days} days from now. */
    public static CertificateAuthority create(KeyAlgorithm algorithm, Clock clock, int days) {
        SecureRandom random = new SecureRandom();
        KeyPair keys = algorithm.newKeyPair(random);
        // A random suffix makes every cluster's CA name distinct, so a client that trusts two
        // clusters' CAs, or an operator reading a chain, can tell them apart.
        byte[] suffix = new byte[4];
        random.nextBytes(suffix);
        X500Name name = commonName("memcluster CA " + HexFormat.of().formatHex(suffix));
        Validity validity = Validity.days(now(clock), days);
        X509v3CertificateBuilder builder = new JcaX509v3CertificateBuilder(name,
                serialNumber(random), Date.from(validity.notBefore()),
                Date.from(validity.notAfter()), name, keys.getPublic());
        try {
            JcaX509ExtensionUtils extensions = new JcaX509ExtensionUtils();
            // Path length 0: this CA signs leaf certificates only, never another CA.
            builder.addExtension(Extension.basicConstraints, true, new BasicConstraints(0));
            builder.addExtension(Extension.keyUsage, true, new KeyUsage(CA_KEY_USAGE));
            builder.addExtension(Extension.subjectKeyIdentifier, false,
                    extensions.createSubjectKeyIdentifier(keys.getPublic()));
            builder.addExtension(Extension.authorityKeyIdentifier, false,
                    extensions.createAuthorityKeyIdentifier(keys.getPublic()));
        } catch (CertIOException | NoSuchAlgorithmException e) {
            throw new IllegalStateException("cannot build the CA certificate's extensions", e);
        }
        X509Certificate certificate = sign(builder, keys.getPrivate(), algorithm, random);
        return new CertificateAuthority(certificate, keys.getPrivate(), clock);
    }

    /**
     * An existing CA from its certificate and key.
     *
     * @throws IllegalArgumentException if the certificate is not a CA's or the key is not its key
     */
    public static CertificateAuthority of(X509Certificate certificate, PrivateKey key, Clock clock) {
        if (certificate.getBasicConstraints() < 0) {
            throw new IllegalArgumentException(certificate.getSubjectX500Principal().getName()
                    + " is not a CA certificate (its basicConstraints do not say cA=true)");
        }
        boolean[] usage = certificate.getKeyUsage();
        if (usage != null && (usage.length <= 5 || !usage[5])) {
            throw new IllegalArgumentException(certificate.getSubjectX500Principal().getName()
                    + " may not sign certificates (its keyUsage lacks keyCertSign)");
        }
        if (!belongTogether(certificate, key)) {
            throw new IllegalArgumentException("the CA key does not belong to the CA certificate "
                    + certificate.getSubjectX500Principal().getName());
        }
        return new CertificateAuthority(certificate, key, clock);
    }

    /**
     * An existing CA from PEM files.
     *
     * @throws java.nio.file.NoSuchFileException if either file is missing
     * @throws IOException                       naming the file, if one cannot be read or the
     *                                           two do not make a CA
     */
    public static CertificateAuthority load(Path certificateFile, Path keyFile, Clock clock)
            throws IOException {
        X509Certificate certificate = Pem.readCertificate(certificateFile);
        PrivateKey key = Pem.readPrivateKey(keyFile);
        try {
            return of(certificate, key, clock);
        } catch (IllegalArgumentException e) {
            throw new IOException(certificateFile + " and " + keyFile + ": " + e.getMessage(), e);
        }
    }

    /** The CA's own certificate: what clients and nodes put in their trust store. */
    public X509Certificate certificate() {
        return certificate;
    }

    /** The CA's private key, for writing it to its file. */
    public PrivateKey privateKey() {
        return privateKey;
    }

    /**
     * A server certificate for the given hosts (DNS names and IP literals) plus
     * {@link SubjectAltNames#DEFAULT_HOSTS}, valid for {@code days} days but never beyond the
     * CA. It is also good for client authentication, so a node can connect to its peers.
     *
     * @throws IllegalArgumentException naming a host that is neither a DNS name nor an address
     */
    public IssuedCertificate issueServer(Collection<String> hosts, int days) {
        SubjectAltNames names = SubjectAltNames.forHosts(hosts);
        List<GeneralName> entries = new ArrayList<>();
        for (String dns : names.dnsNames()) {
            entries.add(new GeneralName(GeneralName.dNSName, dns));
        }
        for (InetAddress ip : names.ipAddresses()) {
            entries.add(new GeneralName(GeneralName.iPAddress, new DEROctetString(ip.getAddress())));
        }
        GeneralNames subjectAltNames = new GeneralNames(entries.toArray(GeneralName[]::new));
        // TLS 1.2's RSA key exchange encrypts the premaster secret to the server's key, and
        // strict stacks refuse an RSA server certificate without keyEncipherment.
        int keyUsage = algorithm == KeyAlgorithm.RSA_2048
                ? KeyUsage.digitalSignature | KeyUsage.keyEncipherment
                : KeyUsage.digitalSignature;
        return issue(commonName(names.commonName()), days, keyUsage,
                new KeyPurposeId[] {KeyPurposeId.id_kp_serverAuth, KeyPurposeId.id_kp_clientAuth},
                subjectAltNames);
    }

    /**
     * A client certificate with subject {@code CN=<user>}, for client authentication only,
     * valid for {@code days} days but never beyond the CA.
     *
     * @throws IllegalArgumentException if the user name is not a valid {@link UserName}
     */
    public IssuedCertificate issueClient(String user, int days) {
        UserName name = new UserName(user);
        return issue(commonName(name.value()), days, KeyUsage.digitalSignature,
                new KeyPurposeId[] {KeyPurposeId.id_kp_clientAuth}, null);
    }

    private IssuedCertificate issue(X500Name subject, int days, int keyUsage,
                                    KeyPurposeId[] purposes, GeneralNames subjectAltNames) {
        Validity validity = Validity.days(now(clock), days).within(new Validity(
                certificate.getNotBefore().toInstant(), certificate.getNotAfter().toInstant()));
        KeyPair keys = algorithm.newKeyPair(random);
        X509v3CertificateBuilder builder = new JcaX509v3CertificateBuilder(certificate,
                serialNumber(random), Date.from(validity.notBefore()),
                Date.from(validity.notAfter()), subject, keys.getPublic());
        try {
            JcaX509ExtensionUtils extensions = new JcaX509ExtensionUtils();
            builder.addExtension(Extension.basicConstraints, true, new BasicConstraints(false));
            builder.addExtension(Extension.keyUsage, true, new KeyUsage(keyUsage));
            builder.addExtension(Extension.extendedKeyUsage, false, new ExtendedKeyUsage(purposes));
            if (subjectAltNames != null) {
                builder.addExtension(Extension.subjectAlternativeName, false, subjectAltNames);
            }
            builder.addExtension(Extension.subjectKeyIdentifier, false,
                    extensions.createSubjectKeyIdentifier(keys.getPublic()));
            // Key identifier only, not issuer and serial: a CA re-issued with the same key
            // still verifies the certificates it signed before.
            builder.addExtension(Extension.authorityKeyIdentifier, false,
                    extensions.createAuthorityKeyIdentifier(certificate.getPublicKey()));
        } catch (CertIOException | NoSuchAlgorithmException e) {
            throw new IllegalStateException("cannot build certificate extensions", e);
        }
        return new IssuedCertificate(sign(builder, privateKey, algorithm, random), keys.getPrivate());
    }

    private static X509Certificate sign(X509v3CertificateBuilder builder, PrivateKey signingKey,
                                        KeyAlgorithm algorithm, SecureRandom random) {
        try {
            return new JcaX509CertificateConverter().getCertificate(builder.build(
                    new JcaContentSignerBuilder(algorithm.signatureAlgorithm())
                            .setSecureRandom(random).build(signingKey)));
        } catch (OperatorCreationException | GeneralSecurityException e) {
            throw new IllegalStateException("cannot sign a certificate with the CA key", e);
        }
    }

    /** Positive and 128 random bits long, as CAs must make serials unpredictable (RFC 5280). */
    private static BigInteger serialNumber(SecureRandom random) {
        BigInteger serial;
        do {
            serial = new BigInteger(128, random);
        } while (serial.signum() == 0);
        return serial;
    }

    private static X500Name commonName(String value) {
        return new X500NameBuilder(BCStyle.INSTANCE).addRDN(BCStyle.CN, value).build();
    }

    private static Instant now(Clock clock) {
        return Instant.ofEpochMilli(clock.millis());
    }

    /** Whether a key signs what the certificate's public key verifies. */
    private static boolean belongTogether(X509Certificate certificate, PrivateKey key) {
        PublicKey publicKey = certificate.getPublicKey();
        if (!publicKey.getAlgorithm().equals(key.getAlgorithm())) {
            return false;
        }
        try {
            String algorithm = KeyAlgorithm.of(publicKey).signatureAlgorithm();
            byte[] probe = "memcluster CA key check".getBytes(StandardCharsets.US_ASCII);
            Signature signer = Signature.getInstance(algorithm);
            signer.initSign(key);
            signer.update(probe);
            byte[] signature = signer.sign();
            Signature verifier = Signature.getInstance(algorithm);
            verifier.initVerify(publicKey);
            verifier.update(probe);
            return verifier.verify(signature);
        } catch (GeneralSecurityException | IllegalArgumentException e) {
            return false;
        }
    }

    @Override
    public String toString() {
        return "CertificateAuthority[" + certificate.getSubjectX500Principal().getName()
                + ", expires=" + certificate.getNotAfter().toInstant() + "]";
    }
}
