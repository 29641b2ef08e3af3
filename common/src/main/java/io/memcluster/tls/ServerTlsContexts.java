package io.memcluster.tls;

import io.memcluster.config.TlsConfig;
import io.netty.handler.ssl.ClientAuth;
import io.netty.handler.ssl.OpenSslServerContext;
import io.netty.handler.ssl.OpenSslSessionTicketKey;
import io.netty.handler.ssl.SslContext;
import io.netty.handler.ssl.SslContextBuilder;
import io.netty.handler.ssl.SslProvider;
import java.security.SecureRandom;
import javax.net.ssl.SSLException;

/**
 * Builds a server's {@link SslContext} from the PEM files of a {@link TlsConfig}.
 *
 * <p>Sessions resume, which saves the certificate exchange and its signatures on every
 * reconnect of a client: TLS 1.2 clients by session id from the server's cache, TLS 1.3 clients
 * by session ticket. Netty turns tickets off for BoringSSL unless it is given keys, so each
 * context gets fresh random ones; they live only in memory, and a reload makes new ones, so a
 * session begun under a replaced CA cannot be resumed under the new one.
 */
public final class ServerTlsContexts {

    /** Sessions kept for resumption, per context: one per recent client is plenty. */
    static final long SESSION_CACHE_SIZE = 20_000;
    /** How long a session may be resumed, in seconds: a reconnect storm, not a day later. */
    static final long SESSION_TIMEOUT_SECONDS = 3600;

    private static final SecureRandom RANDOM = new SecureRandom();

    private ServerTlsContexts() {
    }

    /**
     * @throws SSLException naming what is wrong when a file cannot be read or used
     */
    public static SslContext build(TlsConfig config, SslProvider provider) throws SSLException {
        return build(config, config.clientAuth(), provider);
    }

    static SslContext build(TlsConfig config, TlsConfig.ClientAuth clientAuth, SslProvider provider)
            throws SSLException {
        SslContextBuilder builder;
        try {
            builder = SslContextBuilder.forServer(config.certificate().toFile(), config.key().toFile());
        } catch (IllegalArgumentException e) {
            throw new SSLException(config.certificate() + " or " + config.key() + ": " + e.getMessage(), e);
        }
        builder.sslProvider(provider)
                .protocols(TlsProviders.PROTOCOLS)
                .sessionCacheSize(SESSION_CACHE_SIZE)
                .sessionTimeout(SESSION_TIMEOUT_SECONDS)
                .clientAuth(switch (clientAuth) {
                    case NONE -> ClientAuth.NONE;
                    case OPTIONAL -> ClientAuth.OPTIONAL;
                    case REQUIRE -> ClientAuth.REQUIRE;
                });
        if (clientAuth != TlsConfig.ClientAuth.NONE) {
            // Only the cluster CA: a certificate from any other issuer, however well known, is refused.
            builder.trustManager(config.ca().toFile());
        }
        SslContext context = builder.build();
        if (context instanceof OpenSslServerContext openSsl) {
            openSsl.sessionContext().setTicketKeys(newTicketKey());
        }
        return context;
    }

    private static OpenSslSessionTicketKey newTicketKey() {
        byte[] name = new byte[OpenSslSessionTicketKey.NAME_SIZE];
        byte[] hmac = new byte[OpenSslSessionTicketKey.HMAC_KEY_SIZE];
        byte[] aes = new byte[OpenSslSessionTicketKey.AES_KEY_SIZE];
        RANDOM.nextBytes(name);
        RANDOM.nextBytes(hmac);
        RANDOM.nextBytes(aes);
        return new OpenSslSessionTicketKey(name, hmac, aes);
    }
}
