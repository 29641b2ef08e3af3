package io.memcluster.client.tls;

import io.netty.handler.ssl.OpenSsl;
import io.netty.handler.ssl.SslContext;
import io.netty.handler.ssl.SslContextBuilder;
import io.netty.handler.ssl.SslProvider;
import java.nio.file.Path;
import javax.net.ssl.SSLException;

/**
 * The client side of TLS for every client here (shell, one-shot commands, load generator):
 * TLS 1.2 and 1.3 only, the server certificate verified against the cluster CA, optionally a
 * client certificate. BoringSSL when it loads, the JDK provider otherwise.
 */
public final class ClientTls {

    private ClientTls() {
    }

    /**
     * @param caFile the cluster CA (PEM) that must have signed the server's certificate
     * @param certFile a client certificate (PEM), or null
     * @param keyFile its PKCS#8 private key (PEM), or null
     */
    public static SslContext context(Path caFile, Path certFile, Path keyFile) throws SSLException {
        SslContextBuilder builder = SslContextBuilder.forClient()
                .protocols("TLSv1.3", "TLSv1.2")
                .trustManager(caFile.toFile())
                .sslProvider(OpenSsl.isAvailable() ? SslProvider.OPENSSL : SslProvider.JDK);
        if (certFile != null) {
            builder.keyManager(certFile.toFile(), keyFile.toFile());
        }
        return builder.build();
    }

    /** Which TLS implementation {@link #context} picks on this machine, for logs and reports. */
    public static String provider() {
        return OpenSsl.isAvailable() ? "BoringSSL (netty-tcnative)" : "JDK";
    }
}
