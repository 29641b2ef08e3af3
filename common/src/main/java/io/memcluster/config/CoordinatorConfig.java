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
 * @param id             0-15, in every version this coordinator mints, so that several
 *                       coordinators serving the same nodes never mint the same one
 */
public record CoordinatorConfig(String bind, int port, int plainPort, int threads, int maxConnections,
        Duration idleTimeout, long connectionBuffers, int id) {

    /** The highest {@code coordinator.id}: it takes 4 bits of a version. */
    public static final int MAX_ID = 15;

    private static final CoordinatorConfig DEFAULTS = new CoordinatorConfig("127.0.0.1", 11211, 0, 4, 1024,
            Duration.ZERO);

    public CoordinatorConfig {
        Objects.requireNonNull(bind, "bind");
        Objects.requireNonNull(idleTimeout, "idleTimeout");
        ConfigException.throwIfAny(check(bind, port, plainPort, threads, maxConnections, idleTimeout,
                connectionBuffers, id));
    }

    /** As the first coordinator, id 0. */
    public CoordinatorConfig(String bind, int port, int plainPort, int threads, int maxConnections,
            Duration idleTimeout, long connectionBuffers) {
        this(bind, port, plainPort, threads, maxConnections, idleTimeout, connectionBuffers, 0);
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
            Duration idleTimeout, long connectionBuffers, long id) {
        List<ConfigProblem> problems = new ArrayList<>();
        Rules.bind(problems, "coordinator.bind", bind);
        Rules.port(problems, "coordinator.port", port);
        Rules.plainPort(problems, "coordinator.plain_port", plainPort, "coordinator.port", port);
        Rules.atLeastOne(problems, "coordinator.threads", threads);
        Rules.atLeastOne(problems, "coordinator.max_connections", maxConnections);
        Rules.idleTimeout(problems, "coordinator.idle_timeout", idleTimeout);
        Rules.connectionBuffers(problems, "coordinator.connection_buffers", connectionBuffers);
        if (id < 0 || id > MAX_ID) {
            problems.add(new ConfigProblem("coordinator.id", null, id + " is out of range (expected 0-" + MAX_ID
                    + ", a different one for each coordinator of the same nodes)"));
        }
        return problems;
    }
}
