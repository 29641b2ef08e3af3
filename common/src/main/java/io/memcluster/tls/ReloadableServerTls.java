package io.memcluster.tls;

import io.memcluster.config.TlsConfig;
import io.netty.handler.ssl.SslContext;
import io.netty.handler.ssl.SslProvider;
import io.netty.util.ReferenceCountUtil;
import javax.net.ssl.SSLException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The server context currently in force. New connections take {@link #current()}; connections
 * already open keep the context they started with. {@link #reload()} builds a context from the
 * files as they are now and puts it in force only if a test handshake against it succeeds.
 */
public final class ReloadableServerTls {

    private static final Logger log = LoggerFactory.getLogger(ReloadableServerTls.class);

    private final TlsConfig config;
    private final SslProvider provider;
    private volatile SslContext current;

    private ReloadableServerTls(TlsConfig config, SslProvider provider, SslContext first) {
        this.config = config;
        this.provider = provider;
        this.current = first;
    }

    /**
     * Builds and checks the first context.
     *
     * @throws SSLException naming the files and what is wrong with them
     */
    public static ReloadableServerTls load(TlsConfig config, SslProvider provider) throws SSLException {
        return new ReloadableServerTls(config, provider, buildChecked(config, provider));
    }

    public SslContext current() {
        return current;
    }

    public SslProvider provider() {
        return provider;
    }

    public TlsConfig config() {
        return config;
    }

    /**
     * Replaces the context with one built from the files as they are now.
     *
     * @return whether the new files were put in force; when not, the reason has been logged and
     *         the previous context still serves
     */
    public synchronized boolean reload() {
        SslContext next;
        try {
            next = buildChecked(config, provider);
        } catch (SSLException | RuntimeException e) {
            // The messages name the file at fault (ours and Netty's alike).
            log.error("TLS files not reloaded, the previous certificate stays in force: {}", e.getMessage());
            return false;
        }
        SslContext previous = current;
        current = next;
        // Connections still using it hold their own references (OpenSSL engines count them).
        ReferenceCountUtil.release(previous);
        log.info("TLS certificate reloaded from {}", config.certificate());
        return true;
    }

    private static SslContext buildChecked(TlsConfig config, SslProvider provider) throws SSLException {
        SslContext context = ServerTlsContexts.build(config, provider);
        // The probe client has no certificate: probe a twin that does not ask for one.
        SslContext twin = config.clientAuth() == TlsConfig.ClientAuth.NONE ? context
                : ServerTlsContexts.build(config, TlsConfig.ClientAuth.NONE, provider);
        try {
            HandshakeProbe.check(twin, provider);
        } catch (SSLException e) {
            ReferenceCountUtil.release(context);
            throw new SSLException(config.certificate() + " and " + config.key() + ": " + e.getMessage(), e);
        } finally {
            if (twin != context) {
                ReferenceCountUtil.release(twin);
            }
        }
        return context;
    }
}
