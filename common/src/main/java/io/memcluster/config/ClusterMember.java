package io.memcluster.config;

import java.util.Objects;

/**
 * A node of the cluster as the ring and the links see it, whether the coordinator starts it
 * ({@code cluster.local}) or only connects to it ({@code cluster.nodes}).
 *
 * @param name   unique in the cluster; what the ring places keys by
 * @param host   where to connect: {@link LocalNodes#HOST} for a local node
 * @param port   its mTLS port
 * @param weight its share of the ring; 1 for a local node
 * @param local  whether the coordinator starts, adopts and stops it
 */
public record ClusterMember(String name, String host, int port, int weight, boolean local) {

    public ClusterMember {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(host, "host");
    }

    /** {@code host:port}, as logs and messages show it; an IPv6 address in brackets. */
    public String address() {
        return (host.indexOf(':') >= 0 ? "[" + host + "]" : host) + ":" + port;
    }
}
