package io.memcluster.certs;

import java.nio.file.Path;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.cert.Certificate;
import java.security.cert.X509Certificate;
import javax.net.ssl.KeyManager;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;

/** JDK SSLContexts built straight from the PEM files, the way a plain Java client would. */
final class JdkTlsContexts {

    private static final char[] IN_MEMORY = "in-memory".toCharArray();

    private JdkTlsContexts() {
    }

    /** Presents {@code certificate} with {@code key} (or nothing if null), trusts {@code ca}. */
    static SSLContext context(Path certificate, Path key, Path ca) throws Exception {
        KeyManager[] keyManagers = null;
        if (certificate != null) {
            KeyStore keys = KeyStore.getInstance("PKCS12");
            keys.load(null, null);
            PrivateKey privateKey = Pem.readPrivateKey(key);
            keys.setKeyEntry("me", privateKey, IN_MEMORY,
                    new Certificate[] {Pem.readCertificate(certificate)});
            KeyManagerFactory factory =
                    KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
            factory.init(keys, IN_MEMORY);
            keyManagers = factory.getKeyManagers();
        }
        KeyStore trusted = KeyStore.getInstance("PKCS12");
        trusted.load(null, null);
        X509Certificate caCertificate = Pem.readCertificate(ca);
        trusted.setCertificateEntry("ca", caCertificate);
        TrustManagerFactory trust =
                TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        trust.init(trusted);
        SSLContext context = SSLContext.getInstance("TLS");
        context.init(keyManagers, trust.getTrustManagers(), null);
        return context;
    }
}
