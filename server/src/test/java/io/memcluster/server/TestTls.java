package io.memcluster.server;

import io.memcluster.tls.ClientTlsContexts;
import io.netty.handler.ssl.JdkSslContext;
import io.netty.handler.ssl.SslProvider;
import java.nio.file.Path;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLException;

/** JDK client contexts from PEM files, the way a plain Java client of a node would build one. */
public final class TestTls {

    private TestTls() {
    }

    /** Trusts {@code ca} only, presents no certificate. */
    public static SSLContext trusting(Path ca) {
        return context(ca, null, null);
    }

    /** Trusts {@code ca}, presents {@code certificate}. */
    public static SSLContext context(Path ca, Path certificate, Path key) {
        try {
            return ((JdkSslContext) ClientTlsContexts.build(ca, certificate, key, SslProvider.JDK)).context();
        } catch (SSLException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The CA a node with default files generated in {@code dataDir}. */
    public static Path ca(Path dataDir) {
        return dataDir.resolve("certs").resolve("ca.crt");
    }
}
