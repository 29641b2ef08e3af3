package io.memcluster.tls;

import io.netty.handler.ssl.OpenSsl;
import io.netty.handler.ssl.SslProvider;

/**
 * Which TLS implementation to use: BoringSSL through netty-tcnative where its native library
 * loads (several times faster handshakes, less garbage per record), the JDK's otherwise. The
 * choice is made once per process; {@link #describe} is what the node logs at start.
 */
public final class TlsProviders {

    /** TLS 1.3 first; nothing older than 1.2, which every supported client speaks. */
    public static final String[] PROTOCOLS = {"TLSv1.3", "TLSv1.2"};

    private TlsProviders() {
    }

    public static SslProvider preferred() {
        return OpenSsl.isAvailable() ? SslProvider.OPENSSL : SslProvider.JDK;
    }

    /** One line naming the provider in use and, for the JDK, why BoringSSL is not. */
    public static String describe(SslProvider provider) {
        if (provider == SslProvider.OPENSSL || provider == SslProvider.OPENSSL_REFCNT) {
            return "BoringSSL (netty-tcnative)";
        }
        Throwable cause = OpenSsl.unavailabilityCause();
        return "the JDK's TLS (" + Runtime.version() + ")"
                + (cause == null ? "" : "; BoringSSL did not load: " + cause.getClass().getSimpleName()
                        + (cause.getMessage() == null ? "" : ": " + cause.getMessage()));
    }
}
