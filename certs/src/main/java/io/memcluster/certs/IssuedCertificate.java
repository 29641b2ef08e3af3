package io.memcluster.certs;

import java.security.PrivateKey;
import java.security.cert.X509Certificate;
import java.time.Instant;

/**
 * A certificate together with the private key it was made for.
 *
 * @param certificate the signed certificate
 * @param privateKey  its private key; never shown by {@link #toString()}
 */
public record IssuedCertificate(X509Certificate certificate, PrivateKey privateKey) {

    /** The last instant the certificate is valid. */
    public Instant expires() {
        return certificate.getNotAfter().toInstant();
    }

    /** The subject, as RFC 2253 text (for example {@code CN=alice}). */
    public String subject() {
        return certificate.getSubjectX500Principal().getName();
    }

    // The default record toString would print the key, and some JDK key classes print their
    // private parts; this value ends up in logs and assertion messages.
    @Override
    public String toString() {
        return "IssuedCertificate[subject=" + subject() + ", expires=" + expires() + "]";
    }
}
