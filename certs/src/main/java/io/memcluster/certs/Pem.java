package io.memcluster.certs;

import java.io.IOException;
import java.io.Reader;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.security.PrivateKey;
import java.security.cert.CertificateEncodingException;
import java.security.cert.CertificateException;
import java.security.cert.X509Certificate;
import org.bouncycastle.asn1.pkcs.PrivateKeyInfo;
import org.bouncycastle.cert.X509CertificateHolder;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.openssl.PEMEncryptedKeyPair;
import org.bouncycastle.openssl.PEMKeyPair;
import org.bouncycastle.openssl.PEMParser;
import org.bouncycastle.openssl.jcajce.JcaPEMKeyConverter;
import org.bouncycastle.pkcs.PKCS8EncryptedPrivateKeyInfo;
import org.bouncycastle.util.io.pem.PemObject;
import org.bouncycastle.util.io.pem.PemWriter;

/**
 * PEM text for certificates and private keys, the format every TLS stack we meet reads (the
 * JDK through us, Netty and BoringSSL directly, openssl, memcached). Keys are written as
 * unencrypted PKCS#8 ({@code BEGIN PRIVATE KEY}) because that is the one key format all of
 * them accept for both EC and RSA.
 */
public final class Pem {

    private Pem() {
    }

    /** A certificate as a {@code CERTIFICATE} PEM block. */
    public static String encode(X509Certificate certificate) {
        try {
            return pem("CERTIFICATE", certificate.getEncoded());
        } catch (CertificateEncodingException e) {
            throw new IllegalArgumentException("certificate cannot be encoded", e);
        }
    }

    /** A private key as a PKCS#8 {@code PRIVATE KEY} PEM block. */
    public static String encode(PrivateKey key) {
        if (!"PKCS#8".equals(key.getFormat())) {
            throw new IllegalArgumentException(
                    "private key is not PKCS#8-encodable (format " + key.getFormat() + ")");
        }
        return pem("PRIVATE KEY", key.getEncoded());
    }

    /** The first certificate in a PEM file. */
    public static X509Certificate readCertificate(Path file) throws IOException {
        Object object = readFirst(file);
        if (!(object instanceof X509CertificateHolder holder)) {
            throw new IOException(file + ": not a PEM certificate (found " + describe(object) + ")");
        }
        try {
            return new JcaX509CertificateConverter().getCertificate(holder);
        } catch (CertificateException e) {
            throw new IOException(file + ": unreadable certificate: " + e.getMessage(), e);
        }
    }

    /**
     * The private key in a PEM file: PKCS#8, or the traditional OpenSSL {@code EC PRIVATE KEY}
     * and {@code RSA PRIVATE KEY} forms an operator may bring from elsewhere.
     */
    public static PrivateKey readPrivateKey(Path file) throws IOException {
        Object object = readFirst(file);
        JcaPEMKeyConverter converter = new JcaPEMKeyConverter();
        if (object instanceof PrivateKeyInfo info) {
            return converter.getPrivateKey(info);
        }
        if (object instanceof PEMKeyPair pair) {
            return converter.getKeyPair(pair).getPrivate();
        }
        if (object instanceof PKCS8EncryptedPrivateKeyInfo || object instanceof PEMEncryptedKeyPair) {
            throw new IOException(file + ": encrypted private keys are not supported;"
                    + " decrypt it first (openssl pkey -in KEY -out KEY.plain)");
        }
        throw new IOException(file + ": not a PEM private key (found " + describe(object) + ")");
    }

    private static Object readFirst(Path file) throws IOException {
        try (Reader reader = Files.newBufferedReader(file);
             PEMParser parser = new PEMParser(reader)) {
            return parser.readObject();
        } catch (NoSuchFileException e) {
            throw e;
        } catch (IOException | RuntimeException e) {
            // PEMParser reports bad base64 or DER as unchecked exceptions of its own.
            throw new IOException(file + ": not valid PEM: " + e.getMessage(), e);
        }
    }

    private static String describe(Object object) {
        return object == null ? "no PEM block" : object.getClass().getSimpleName();
    }

    private static String pem(String type, byte[] der) {
        StringWriter text = new StringWriter();
        try (PemWriter writer = new PemWriter(text)) {
            writer.writeObject(new PemObject(type, der));
        } catch (IOException e) {
            throw new UncheckedIOException("writing to a string cannot fail", e);
        }
        return text.toString();
    }
}
