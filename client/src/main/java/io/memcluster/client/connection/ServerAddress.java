package io.memcluster.client.connection;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Objects;

/**
 * Where to connect and how.
 *
 * @param host         host name or address; with TLS it must be one the server certificate names
 * @param port         TCP port
 * @param caFile       the cluster CA that must have signed the server certificate; null for a
 *                     plaintext connection
 * @param replyTimeout how long to wait for a reply (or a listing's next element) before the
 *                     connection is given up as stuck
 */
public record ServerAddress(String host, int port, Path caFile, Duration replyTimeout) {

    public static final Duration DEFAULT_REPLY_TIMEOUT = Duration.ofSeconds(30);

    public ServerAddress {
        Objects.requireNonNull(host, "host");
        Objects.requireNonNull(replyTimeout, "replyTimeout");
        if (port < 1 || port > 65535) {
            throw new IllegalArgumentException("port " + port + " is out of range (expected 1-65535)");
        }
    }

    public boolean tls() {
        return caFile != null;
    }

    /** {@code host:port}, with brackets around an IPv6 address. */
    public String hostAndPort() {
        return (host.indexOf(':') >= 0 ? "[" + host + "]" : host) + ":" + port;
    }
}
