package io.memcluster.frontend;

import io.memcluster.config.AuthConfig;
import io.memcluster.config.PlainConfig;
import io.memcluster.config.TlsConfig;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Objects;

/**
 * What the front end needs to answer clients, whoever it fronts: a node's settings and a
 * coordinator's map onto it (each checked by its own config record first).
 *
 * @param role           "node" or "coordinator": how log lines name the process
 * @param bind           address of the main listener (and of the plain one with allow_remote)
 * @param port           the main listener: TLS unless {@code tls.enabled} is false
 * @param plain          the optional loopback plaintext listener
 * @param maxConnections open connections over all listeners beyond which new ones are refused
 * @param threads        event-loop threads
 * @param idleTimeout    a connection silent this long is closed; zero never
 * @param maxItemSize    the decoder's limit on a value (memcached's -I)
 * @param dataDir        where first-start certificates and users are made
 */
public record FrontendConfig(String role, String bind, int port, PlainConfig plain, int maxConnections, int threads,
        Duration idleTimeout, int maxItemSize, Path dataDir, TlsConfig tls, AuthConfig auth) {

    public FrontendConfig {
        Objects.requireNonNull(role, "role");
        Objects.requireNonNull(bind, "bind");
        Objects.requireNonNull(plain, "plain");
        Objects.requireNonNull(idleTimeout, "idleTimeout");
        Objects.requireNonNull(dataDir, "dataDir");
        Objects.requireNonNull(tls, "tls");
        Objects.requireNonNull(auth, "auth");
    }
}
