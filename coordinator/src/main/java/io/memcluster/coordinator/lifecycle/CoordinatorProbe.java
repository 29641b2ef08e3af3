package io.memcluster.coordinator.lifecycle;

import io.memcluster.config.MemclusterConfig;
import io.memcluster.config.TlsConfig;
import io.memcluster.tls.ClientTlsContexts;
import io.netty.handler.ssl.JdkSslContext;
import io.netty.handler.ssl.SslProvider;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;
import javax.net.ssl.SSLContext;

/**
 * Whether the coordinator serves clients: its plaintext port when it has one (the cheapest
 * check), else its main port, over TLS unless {@code tls.enabled} is false. Either way the answer
 * to {@code version} decides; with auth on, {@code CLIENT_ERROR unauthenticated} before a login
 * proves as much. Who the process is, is the pid file's and the command line's to say.
 */
final class CoordinatorProbe {

    private final MemclusterConfig config;
    private final DataLayout layout;
    private final Duration timeout;

    CoordinatorProbe(MemclusterConfig config, DataLayout layout, Duration timeout) {
        this.config = config;
        this.layout = layout;
        this.timeout = timeout;
    }

    /** @return empty when it serves, else why not */
    Optional<String> problem() {
        int port = config.coordinator().plainEnabled() ? config.coordinator().plainPort() : config.coordinator().port();
        boolean tls = !config.coordinator().plainEnabled() && config.node().tls().enabled();
        String host = connectHost(config.coordinator().plainEnabled()
                ? config.coordinatorPlain().bindAddress(config.coordinator().bind()) : config.coordinator().bind());
        String at = address(host, port);
        try (LineConnection connection = tls ? LineConnection.tls(host, port, tlsContext(), timeout)
                : LineConnection.plain(host, port, timeout)) {
            connection.send("version");
            String line = connection.readLine();
            if (line.startsWith("VERSION ") || line.equals("CLIENT_ERROR unauthenticated")) {
                return Optional.empty();
            }
            return Optional.of(at + " answered version with " + NodeProbe.shortened(line));
        } catch (IOException | RuntimeException e) {
            return Optional.of(at + " does not answer (" + e.getClass().getSimpleName()
                    + (e.getMessage() == null ? "" : ": " + e.getMessage()) + ")");
        }
    }

    /**
     * The CA clients are told to trust, and the coordinator's own client certificate in case its
     * listener asks for one; a listener that does not ask ignores it.
     */
    private SSLContext tlsContext() throws IOException {
        TlsConfig tls = config.node().tls();
        Path certificate = layout.certificates().clientCertificate();
        Path key = layout.certificates().clientKey();
        boolean withCertificate = Files.isRegularFile(certificate) && Files.isRegularFile(key);
        return ((JdkSslContext) ClientTlsContexts.build(tls.ca(), withCertificate ? certificate : null,
                withCertificate ? key : null, SslProvider.JDK)).context();
    }

    /** A listener on every interface is reached on loopback. */
    static String connectHost(String bind) {
        return switch (bind) {
            case "0.0.0.0", "::", "[::]", "*" -> "127.0.0.1";
            default -> bind;
        };
    }

    static String address(String host, int port) {
        return (host.indexOf(':') >= 0 ? "[" + host + "]" : host) + ":" + port;
    }
}
