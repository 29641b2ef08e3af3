package io.memcluster.server;

import io.memcluster.certs.Pem;
import java.net.Socket;
import java.nio.file.Path;
import java.security.KeyStore;
import java.security.Principal;
import java.security.PrivateKey;
import java.security.cert.Certificate;
import java.security.cert.X509Certificate;
import javax.net.ssl.KeyManager;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.TrustManagerFactory;
import javax.net.ssl.X509ExtendedKeyManager;
import javax.net.ssl.X509KeyManager;

/** JDK client contexts from PEM files, the way a plain Java client of a node would build one. */
public final class TestTls {

    private static final char[] IN_MEMORY = "in-memory".toCharArray();

    private TestTls() {
    }

    /** Trusts {@code ca} only, presents no certificate. */
    public static SSLContext trusting(Path ca) {
        return context(ca, null, null);
    }

    /**
     * Trusts {@code ca} and always presents {@code certificate}. The JDK would otherwise keep back
     * a certificate whose issuer the server did not name, and a test of a foreign CA's certificate
     * would test nothing.
     */
    public static SSLContext context(Path ca, Path certificate, Path key) {
        try {
            KeyManager[] keyManagers = null;
            if (certificate != null) {
                KeyStore keys = KeyStore.getInstance("PKCS12");
                keys.load(null, null);
                PrivateKey privateKey = Pem.readPrivateKey(key);
                keys.setKeyEntry("me", privateKey, IN_MEMORY, new Certificate[] {Pem.readCertificate(certificate)});
                KeyManagerFactory factory = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
                factory.init(keys, IN_MEMORY);
                keyManagers = new KeyManager[] {new AlwaysPresent((X509KeyManager) factory.getKeyManagers()[0])};
            }
            KeyStore trusted = KeyStore.getInstance("PKCS12");
            trusted.load(null, null);
            trusted.setCertificateEntry("ca", Pem.readCertificate(ca));
            TrustManagerFactory trust = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
            trust.init(trusted);
            SSLContext context = SSLContext.getInstance("TLS");
            context.init(keyManagers, trust.getTrustManagers(), null);
            return context;
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    /** The CA a node with default files generated in {@code dataDir}. */
    public static Path ca(Path dataDir) {
        return dataDir.resolve("certs").resolve("ca.crt");
    }

    private static final class AlwaysPresent extends X509ExtendedKeyManager {
        private final X509KeyManager keys;

        AlwaysPresent(X509KeyManager keys) {
            this.keys = keys;
        }

        @Override
        public String chooseClientAlias(String[] keyType, Principal[] issuers, Socket socket) {
            return "me";
        }

        @Override
        public String chooseEngineClientAlias(String[] keyType, Principal[] issuers, SSLEngine engine) {
            return "me";
        }

        @Override
        public String[] getClientAliases(String keyType, Principal[] issuers) {
            return new String[] {"me"};
        }

        @Override
        public String[] getServerAliases(String keyType, Principal[] issuers) {
            return null;
        }

        @Override
        public String chooseServerAlias(String keyType, Principal[] issuers, Socket socket) {
            return null;
        }

        @Override
        public X509Certificate[] getCertificateChain(String alias) {
            return keys.getCertificateChain(alias);
        }

        @Override
        public PrivateKey getPrivateKey(String alias) {
            return keys.getPrivateKey(alias);
        }
    }
}
