package io.memcluster.config;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * What a cache node needs to start: its listener, its memory and item limits, its connection
 * handling, its data folder and its namespaces' quotas. Valid by construction; {@link NodeConfigLoader} builds one from
 * {@code config/config.yaml}, the environment and command-line flags.
 *
 * @param bind            address of the listener: {@code 127.0.0.1} keeps it on this machine
 * @param port            TCP port of the listener
 * @param memoryLimit     bytes of item data the store holds before it evicts
 * @param maxItemSize     largest item in bytes; larger values are refused, as memcached's -I does
 * @param maxConnections  open client connections beyond which new ones are refused
 * @param threads         event-loop threads serving connections
 * @param idleTimeout     a connection silent this long is closed; zero never closes one
 * @param shutdownEnabled whether the memcached {@code shutdown} command stops the node
 * @param dataDir         folder for snapshots, pid files, users and certificates, relative to the
 *                        working directory
 * @param tls             the main listener's TLS ({@code tls} section)
 * @param plain           the optional plaintext listener ({@code plain} section)
 * @param auth            users and logins ({@code auth} section)
 * @param quotas          the namespaces' memory quotas on this node ({@code namespaces} section),
 *                        none above memoryLimit
 * @param snapshot        when and where the node writes its snapshots ({@code snapshot} section)
 * @param connectionBuffers bytes beyond {@code memoryLimit} for what connections hold: requests
 *                        being read, replies being written; the launcher sizes the JVM from both
 *                        ({@link JvmMemory#forNode})
 */
public record NodeConfig(String bind, int port, long memoryLimit, int maxItemSize, int maxConnections, int threads,
        Duration idleTimeout, boolean shutdownEnabled, Path dataDir, TlsConfig tls, PlainConfig plain,
        AuthConfig auth, NamespaceQuotas quotas, long connectionBuffers, SnapshotConfig snapshot) {

    /** Below this the store would hold a handful of items: more likely a missing unit than a wish. */
    public static final long MIN_MEMORY = Sizes.MB;
    /** memcached's own bounds for -I. */
    public static final int MIN_ITEM_SIZE = (int) Sizes.KB;
    public static final int MAX_ITEM_SIZE = (int) Sizes.GB;
    /** As many connections' buffers as memcached's default -c (1024) would need with 64 KiB each. */
    public static final long DEFAULT_CONNECTION_BUFFERS = 64 * Sizes.MB;

    private static final NodeConfig DEFAULTS = new NodeConfig("127.0.0.1", 12001, 64 * Sizes.MB, (int) Sizes.MB,
            1024, 4, Duration.ZERO, false, Path.of("data"));

    public NodeConfig {
        Objects.requireNonNull(bind, "bind");
        Objects.requireNonNull(idleTimeout, "idleTimeout");
        Objects.requireNonNull(dataDir, "dataDir");
        Objects.requireNonNull(tls, "tls");
        Objects.requireNonNull(plain, "plain");
        Objects.requireNonNull(auth, "auth");
        Objects.requireNonNull(quotas, "quotas");
        Objects.requireNonNull(snapshot, "snapshot");
        List<ConfigProblem> problems = check(bind, port, memoryLimit, maxItemSize, maxConnections, threads,
                idleTimeout, dataDir, connectionBuffers);
        problems.addAll(PlainConfig.check(plain.port(), port));
        problems.addAll(NamespaceQuotas.check(quotas.memoryByName(), memoryLimit));
        ConfigException.throwIfAny(problems);
    }

    /** With the default snapshots: every 5 minutes into {@code <dataDir>/snapshots}. */
    public NodeConfig(String bind, int port, long memoryLimit, int maxItemSize, int maxConnections, int threads,
            Duration idleTimeout, boolean shutdownEnabled, Path dataDir, TlsConfig tls, PlainConfig plain,
            AuthConfig auth, NamespaceQuotas quotas, long connectionBuffers) {
        this(bind, port, memoryLimit, maxItemSize, maxConnections, threads, idleTimeout, shutdownEnabled, dataDir,
                tls, plain, auth, quotas, connectionBuffers, SnapshotConfig.defaults(dataDir));
    }

    /** Without namespace quotas, with the default allowance for connection buffers. */
    public NodeConfig(String bind, int port, long memoryLimit, int maxItemSize, int maxConnections, int threads,
            Duration idleTimeout, boolean shutdownEnabled, Path dataDir, TlsConfig tls, PlainConfig plain,
            AuthConfig auth) {
        this(bind, port, memoryLimit, maxItemSize, maxConnections, threads, idleTimeout, shutdownEnabled, dataDir,
                tls, plain, auth, NamespaceQuotas.NONE, DEFAULT_CONNECTION_BUFFERS);
    }

    /** The security sections at their defaults: TLS with the files under data_dir, auth on, no plain port. */
    public NodeConfig(String bind, int port, long memoryLimit, int maxItemSize, int maxConnections, int threads,
            Duration idleTimeout, boolean shutdownEnabled, Path dataDir) {
        this(bind, port, memoryLimit, maxItemSize, maxConnections, threads, idleTimeout, shutdownEnabled, dataDir,
                TlsConfig.defaults(dataDir), PlainConfig.OFF, AuthConfig.defaults(dataDir));
    }

    public NodeConfig withTls(TlsConfig tls) {
        return new NodeConfig(bind, port, memoryLimit, maxItemSize, maxConnections, threads, idleTimeout,
                shutdownEnabled, dataDir, tls, plain, auth, quotas, connectionBuffers, snapshot);
    }

    public NodeConfig withPlain(PlainConfig plain) {
        return new NodeConfig(bind, port, memoryLimit, maxItemSize, maxConnections, threads, idleTimeout,
                shutdownEnabled, dataDir, tls, plain, auth, quotas, connectionBuffers, snapshot);
    }

    public NodeConfig withAuth(AuthConfig auth) {
        return new NodeConfig(bind, port, memoryLimit, maxItemSize, maxConnections, threads, idleTimeout,
                shutdownEnabled, dataDir, tls, plain, auth, quotas, connectionBuffers, snapshot);
    }

    public NodeConfig withQuotas(NamespaceQuotas quotas) {
        return new NodeConfig(bind, port, memoryLimit, maxItemSize, maxConnections, threads, idleTimeout,
                shutdownEnabled, dataDir, tls, plain, auth, quotas, connectionBuffers, snapshot);
    }

    public NodeConfig withSnapshot(SnapshotConfig snapshot) {
        return new NodeConfig(bind, port, memoryLimit, maxItemSize, maxConnections, threads, idleTimeout,
                shutdownEnabled, dataDir, tls, plain, auth, quotas, connectionBuffers, snapshot);
    }

    /** The settings of a node started without a config file or flags. */
    public static NodeConfig defaults() {
        return DEFAULTS;
    }

    /**
     * Every rule broken by these values, named by YAML path. Numbers come as longs so that the
     * loader can check a value from the file before narrowing it to the int it becomes here.
     */
    static List<ConfigProblem> check(String bind, long port, long memoryLimit, long maxItemSize, long maxConnections,
            long threads, Duration idleTimeout, Path dataDir, long connectionBuffers) {
        List<ConfigProblem> problems = new ArrayList<>();
        Rules.bind(problems, "node.bind", bind);
        Rules.port(problems, "node.port", port);
        if (memoryLimit < MIN_MEMORY) {
            problems.add(problem("node.memory", Sizes.format(memoryLimit) + " is too small (expected at least "
                    + Sizes.format(MIN_MEMORY) + ")"));
        }
        if (maxItemSize < MIN_ITEM_SIZE || maxItemSize > MAX_ITEM_SIZE) {
            problems.add(problem("node.max_item_size", Sizes.format(maxItemSize) + " is out of range (expected "
                    + Sizes.format(MIN_ITEM_SIZE) + "-" + Sizes.format(MAX_ITEM_SIZE) + ")"));
        } else if (maxItemSize > memoryLimit && memoryLimit >= MIN_MEMORY) {
            problems.add(problem("node.max_item_size", Sizes.format(maxItemSize)
                    + " is larger than node.memory (expected at most " + Sizes.format(memoryLimit) + ")"));
        }
        Rules.atLeastOne(problems, "node.max_connections", maxConnections);
        Rules.atLeastOne(problems, "node.threads", threads);
        Rules.idleTimeout(problems, "node.idle_timeout", idleTimeout);
        Rules.connectionBuffers(problems, "node.connection_buffers", connectionBuffers);
        if (dataDir.toString().isBlank()) {
            problems.add(problem("data_dir", "is empty (expected a folder, e.g. data)"));
        }
        return problems;
    }

    private static ConfigProblem problem(String path, String message) {
        return new ConfigProblem(path, null, message);
    }
}
