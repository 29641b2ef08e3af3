package io.memcluster.protocol;

/** What {@code version} answers, node and coordinator alike: the memcached protocol level we follow, then ours. */
public final class ServerVersion {

    public static final String VERSION = "1.6.38-memcluster-0.1.0";

    private ServerVersion() {
    }
}
