package io.memcluster.server;

import io.memcluster.config.NodeConfig;
import io.memcluster.time.Clock;
import java.nio.file.Path;
import java.time.Duration;

/** A node started in this JVM on a free loopback port, for tests that speak to it over TCP. */
public final class RunningNode implements AutoCloseable {

    private final NodeServer server;

    private RunningNode(NodeServer server) {
        this.server = server;
    }

    public static RunningNode start() {
        return start(64L << 20, 1 << 20, 1024, Duration.ZERO, false, Clock.system());
    }

    public static RunningNode start(long memory, int maxItemSize, int maxConnections, Duration idleTimeout,
            boolean shutdownEnabled, Clock clock) {
        NodeConfig config = new NodeConfig("127.0.0.1", freePort(), memory, maxItemSize, maxConnections, 2, idleTimeout,
                shutdownEnabled, Path.of("target", "node-data"));
        NodeServer server = new NodeServer(config, clock);
        try {
            server.start();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
        return new RunningNode(server);
    }

    /** A port nothing listens on right now (the node binds it a moment later). */
    public static int freePort() {
        try (java.net.ServerSocket socket = new java.net.ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    public int port() {
        return server.port();
    }

    public NodeServer server() {
        return server;
    }

    @Override
    public void close() {
        server.close();
    }
}
