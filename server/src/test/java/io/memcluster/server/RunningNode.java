package io.memcluster.server;

import io.memcluster.config.NodeConfig;
import io.memcluster.config.SnapshotConfig;
import io.memcluster.frontend.security.StartException;
import io.memcluster.time.Clock;
import io.memcluster.tls.TlsProviders;
import io.netty.handler.ssl.SslProvider;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;

/** A node started in this JVM on a free loopback port, for tests that speak to it over TCP. */
public final class RunningNode implements AutoCloseable {

    private final NodeServer server;
    private final NodeConfig config;
    private final ByteArrayOutputStream console;

    private RunningNode(NodeServer server, NodeConfig config, ByteArrayOutputStream console) {
        this.server = server;
        this.config = config;
        this.console = console;
    }

    /** A plaintext node without auth, as memcached runs: for protocol tests. */
    public static RunningNode start() {
        return start(64L << 20, 1 << 20, 1024, Duration.ZERO, false, Clock.system());
    }

    /** A plaintext node without auth with these limits. */
    public static RunningNode start(long memory, int maxItemSize, int maxConnections, Duration idleTimeout,
            boolean shutdownEnabled, Clock clock) {
        NodeConfig config = new NodeConfig("127.0.0.1", freePort(), memory, maxItemSize, maxConnections, 2, idleTimeout,
                shutdownEnabled, Path.of("target", "node-data"));
        return start(config.withTls(config.tls().disabled()).withAuth(config.auth().disabled()), clock);
    }

    /**
     * A node whose config leaves snapshots at their default gets a folder of its own for them, so
     * that it does not load what the node of another test (sharing {@code target/node-data}) left
     * at its stop. Tests of snapshots set {@link NodeConfig#withSnapshot} themselves.
     */
    static NodeConfig ownSnapshots(NodeConfig config) {
        if (!config.snapshot().equals(SnapshotConfig.defaults(config.dataDir()))) {
            return config;
        }
        try {
            Path base = Files.createDirectories(Path.of("target", "node-snapshots"));
            return config.withSnapshot(new SnapshotConfig(config.snapshot().interval(),
                    Files.createTempDirectory(base, "node-")));
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    /**
     * A node with the security defaults (TLS with generated certificates, auth with a generated
     * admin) in its own data folder, on a free port.
     */
    public static NodeConfig secureConfig(Path dataDir) {
        return new NodeConfig("127.0.0.1", freePort(), 64L << 20, 1 << 20, 1024, 2, Duration.ZERO, false, dataDir);
    }

    public static RunningNode start(NodeConfig config, Clock clock) {
        return start(config, clock, TlsProviders.preferred());
    }

    public static RunningNode start(NodeConfig config, Clock clock, SslProvider provider) {
        config = ownSnapshots(config);
        ByteArrayOutputStream console = new ByteArrayOutputStream();
        NodeServer server = new NodeServer(config, clock, provider,
                new PrintStream(console, true, StandardCharsets.UTF_8));
        try {
            server.start();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            server.close();
            throw new IllegalStateException(e);
        } catch (StartException e) {
            server.close();
            throw new IllegalStateException(e.getMessage(), e);
        }
        return new RunningNode(server, config, console);
    }

    /** Ports handed out by {@link #freePort} in this JVM, so that two asks in a row never get the same. */
    private static final java.util.Set<Integer> HANDED_OUT = java.util.concurrent.ConcurrentHashMap.newKeySet();

    /**
     * A loopback port free now and not handed out before in this JVM: the kernel may give the
     * port it just gave again once its socket is closed, and a node's main and plain ports must differ.
     */
    public static int freePort() {
        for (int attempt = 0; attempt < 100; attempt++) {
            try (java.net.ServerSocket socket = new java.net.ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
                if (HANDED_OUT.add(socket.getLocalPort())) {
                    return socket.getLocalPort();
                }
            } catch (java.io.IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
        }
        throw new IllegalStateException("no free loopback port not handed out before in 100 tries");
    }

    public int port() {
        return server.port();
    }

    public int plainPort() {
        return server.plainPort();
    }

    public NodeConfig config() {
        return config;
    }

    /** What the node printed to its standard output (the first admin password, if it made one). */
    public String console() {
        return console.toString(StandardCharsets.UTF_8);
    }

    public NodeServer server() {
        return server;
    }

    @Override
    public void close() {
        server.close();
    }
}
