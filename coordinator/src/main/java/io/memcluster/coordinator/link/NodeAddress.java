package io.memcluster.coordinator.link;

import java.util.Objects;

/**
 * Where a node listens, and the explicit, stable name it goes by in the ring, in logs and in
 * errors (never derived from an {@code InetSocketAddress}, whose string form changed in JDK 14).
 *
 * @param host a host name or an IP literal; also the name its TLS certificate must carry
 */
public record NodeAddress(String name, String host, int port) {

    public NodeAddress {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(host, "host");
        if (name.isBlank()) {
            throw new IllegalArgumentException("a node name must not be blank");
        }
        if (host.isBlank()) {
            throw new IllegalArgumentException("the host of node " + name + " must not be blank");
        }
        if (port < 1 || port > 65535) {
            throw new IllegalArgumentException("the port of node " + name + " is " + port + " (expected: 1-65535)");
        }
    }

    /** {@code node-2 127.0.0.1:12002}, {@code node-3 [::1]:12003}: as logs and errors show a node. */
    @Override
    public String toString() {
        return name + " " + (host.indexOf(':') >= 0 ? "[" + host + "]" : host) + ":" + port;
    }
}
