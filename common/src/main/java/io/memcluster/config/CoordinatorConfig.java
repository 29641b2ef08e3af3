package io.memcluster.config;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * The {@code coordinator} section: the cluster's front door, the listeners that clients connect
 * to. They speak the memcached protocol as a node's do; the top-level {@code tls}, {@code auth}
 * and {@code plain.allow_remote} apply to them as well (see {@link MemclusterConfig#coordinatorPlain}).
 *
 * @param bind           address of the listeners: {@code 127.0.0.1} keeps them on this machine
 * @param port           TCP port of the main listener (TLS unless {@code tls.enabled} is false)
 * @param plainPort      a plaintext listener's port, for telnet; 0 means none
 * @param threads        event-loop threads serving client connections
 * @param maxConnections open client connections beyond which new ones are refused
 * @param idleTimeout    a client connection silent this long is closed; zero never closes one
 * @param connectionBuffers bytes for what client and node connections hold (requests being read,
 *                       replies being written); the launcher sizes the JVM from it
 *                       ({@link JvmMemory#forCoordinator})
 */
public record CoordinatorConfig(String bind, int port, int plainPort, int threads, int maxConnections,
        Duration idleTimeout, long connectionBuffers) {

    private static final CoordinatorConfig DEFAULTS = new CoordinatorConfig("127.0.0.1", 11211, 0, 4, 1024,
            Duration.ZERO);

    public CoordinatorConfig {
        Objects.requireNonNull(bind, "bind");
        Objects.requireNonNull(idleTimeout, "idleTimeout");
        ConfigException.throwIfAny(check(bind, port, plainPort, threads, maxConnections, idleTimeout,
                connectionBuffers));
    }

    /** With the default allowance for connection buffers, a node's. */
    public CoordinatorConfig(String bind, int port, int plainPort, int threads, int maxConnections,
            Duration idleTimeout) {
        this(bind, port, plainPort, threads, maxConnections, idleTimeout, NodeConfig.DEFAULT_CONNECTION_BUFFERS);
    }

    /** The settings of a coordinator started without a config file or flags: memcached's port, on loopback. */
    public static CoordinatorConfig defaults() {
        return DEFAULTS;
    }

    public boolean plainEnabled() {
        return plainPort != 0;
    }

    /** Every rule broken, named by YAML path; longs so that the loader checks before narrowing. */
    static List<ConfigProblem> check(String bind, long port, long plainPort, long threads, long maxConnections,
            Duration idleTimeout, long connectionBuffers) {
        List<ConfigProblem> problems = new ArrayList<>();
        Rules.bind(problems, "coordinator.bind", bind);
        Rules.port(problems, "coordinator.port", port);
        Rules.plainPort(problems, "coordinator.plain_port", plainPort, "coordinator.port", port);
        Rules.atLeastOne(problems, "coordinator.threads", threads);
        Rules.atLeastOne(problems, "coordinator.max_connections", maxConnections);
        Rules.idleTimeout(problems, "coordinator.idle_timeout", idleTimeout);
        Rules.connectionBuffers(problems, "coordinator.connection_buffers", connectionBuffers);
        return problems;
    }
}
