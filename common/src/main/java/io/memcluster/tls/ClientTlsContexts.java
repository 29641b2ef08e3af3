package io.memcluster.tls;

import io.netty.handler.ssl.SslContext;
import io.netty.handler.ssl.SslContextBuilder;
import io.netty.handler.ssl.SslProvider;
import java.nio.file.Path;
import javax.net.ssl.SSLException;

/**
 * A client's {@link SslContext}: trusts the cluster CA only, checks the server's host name, and
 * presents a client certificate when given one. With {@link SslProvider#JDK} the result is a
 * {@link io.netty.handler.ssl.JdkSslContext} whose {@code context()} also serves plain
 * {@code SSLSocket}s and libraries that take an {@code SSLEngine}.
 */
public final class ClientTlsContexts {

    private ClientTlsContexts() {
    }

    /** Without a client certificate. */
    public static SslContext build(Path ca, SslProvider provider) throws SSLException {
        return build(ca, null, null, provider);
    }

    /**
     * @param certificate the client certificate (PEM), or null for none
     * @param key         its private key (PEM), or null for none
     */
    public static SslContext build(Path ca, Path certificate, Path key, SslProvider provider) throws SSLException {
        SslContextBuilder builder = SslContextBuilder.forClient()
                .sslProvider(provider)
                .protocols(TlsProviders.PROTOCOLS)
                .trustManager(ca.toFile())
                .endpointIdentificationAlgorithm("HTTPS");
        if (certificate != null) {
            builder.keyManager(certificate.toFile(), key.toFile());
        }
        return builder.build();
    }
}
