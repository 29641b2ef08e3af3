package io.memcluster.coordinator;

import io.memcluster.config.ClusterConfig;
import io.memcluster.config.CoordinatorConfig;
import io.memcluster.config.LocalNodes;
import io.memcluster.config.MemclusterConfig;
import io.memcluster.config.NodeConfig;
import io.memcluster.config.RemoteNode;
import io.memcluster.config.WritePolicy;
import io.memcluster.server.RunningNode;
import io.memcluster.time.Clock;
import io.memcluster.time.Ticker;
import io.memcluster.tls.TlsProviders;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.UnaryOperator;

/**
 * A coordinator and its nodes in this JVM on free loopback ports, all plaintext without logins,
 * as memcached runs: for routing and protocol tests. (The real processes, TLS and logins are
 * the integration tests'.)
 */
public final class RunningCluster implements AutoCloseable {

    private final List<RunningNode> nodes;
    private final CoordinatorServer coordinator;

    private RunningCluster(List<RunningNode> nodes, CoordinatorServer coordinator) {
        this.nodes = nodes;
        this.coordinator = coordinator;
    }

    public static RunningCluster start(int nodeCount, int replicationFactor) {
        return start(nodeCount, replicationFactor, WritePolicy.ALL_LIVE, Duration.ofSeconds(1));
    }

    public static RunningCluster start(int nodeCount, int replicationFactor, WritePolicy policy,
            Duration requestTimeout) {
        return start(nodeCount, replicationFactor, policy, requestTimeout, null, false);
    }

    /** Like {@link #start(int, int)}, with the coordinator's configuration changed by {@code adjust} before it starts. */
    public static RunningCluster start(int nodeCount, int replicationFactor, UnaryOperator<MemclusterConfig> adjust) {
        return start(nodeCount, replicationFactor, WritePolicy.ALL_LIVE, Duration.ofSeconds(1), null, false, adjust,
                Clock.system());
    }

    /**
     * A coordinator whose clients log in as the users of {@code <dataDir>/users.json} (over its
     * plaintext main port, from loopback), in front of nodes without logins.
     */
    public static RunningCluster withLogins(int nodeCount, int replicationFactor, Path dataDir) {
        return withLogins(nodeCount, replicationFactor, dataDir, UnaryOperator.identity());
    }

    /**
     * Like {@link #withLogins(int, int, Path)}, with the coordinator's configuration changed by
     * {@code adjust} before it starts: a token secret, a login deadline, fewer connections.
     */
    public static RunningCluster withLogins(int nodeCount, int replicationFactor, Path dataDir,
            UnaryOperator<MemclusterConfig> adjust) {
        return withLogins(nodeCount, replicationFactor, dataDir, adjust, Clock.system());
    }

    /** Like the above, with the coordinator on {@code clock}: a test advances it past a login throttle. */
    public static RunningCluster withLogins(int nodeCount, int replicationFactor, Path dataDir,
            UnaryOperator<MemclusterConfig> adjust, Clock clock) {
        return start(nodeCount, replicationFactor, WritePolicy.ALL_LIVE, Duration.ofSeconds(1), dataDir, false, adjust,
                clock);
    }

    /**
     * A coordinator whose main port speaks TLS with the certificates it generates in
     * {@code <dataDir>/certs} on this first start (clients trust {@code certs/ca.crt}), without
     * logins, in front of plaintext nodes.
     */
    public static RunningCluster withTls(int nodeCount, int replicationFactor, Path dataDir) {
        return start(nodeCount, replicationFactor, WritePolicy.ALL_LIVE, Duration.ofSeconds(1), dataDir, true);
    }

    private static RunningCluster start(int nodeCount, int replicationFactor, WritePolicy policy,
            Duration requestTimeout, Path ownDataDir, boolean tls) {
        return start(nodeCount, replicationFactor, policy, requestTimeout, ownDataDir, tls, UnaryOperator.identity(),
                Clock.system());
    }

    private static RunningCluster start(int nodeCount, int replicationFactor, WritePolicy policy,
            Duration requestTimeout, Path ownDataDir, boolean tls, UnaryOperator<MemclusterConfig> adjust,
            Clock clock) {
        List<RunningNode> nodes = new ArrayList<>();
        List<RemoteNode> members = new ArrayList<>();
        for (int i = 0; i < nodeCount; i++) {
            RunningNode node = RunningNode.start();
            nodes.add(node);
            members.add(new RemoteNode("node-" + (i + 1), "127.0.0.1", node.port()));
        }
        NodeConfig defaults = NodeConfig.defaults();
        Path dataDir = ownDataDir != null ? ownDataDir : Path.of("target", "coordinator-data");
        NodeConfig node = new NodeConfig(defaults.bind(), defaults.port(), defaults.memoryLimit(),
                defaults.maxItemSize(), defaults.maxConnections(), 2, Duration.ZERO, false, dataDir);
        if (!tls) {
            node = node.withTls(node.tls().disabled());
        }
        if (ownDataDir == null || tls) {
            node = node.withAuth(node.auth().disabled());
        }
        MemclusterConfig config = adjust.apply(new MemclusterConfig(node,
                new CoordinatorConfig("127.0.0.1", RunningNode.freePort(), 0, 2, 1024, Duration.ZERO),
                new ClusterConfig(replicationFactor, policy, requestTimeout, new LocalNodes(0, 12001), members)));
        CoordinatorServer coordinator = new CoordinatorServer(config, clock, Ticker.system(),
                TlsProviders.preferred(), new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8));
        try {
            coordinator.start(false);
        } catch (Exception e) {
            coordinator.close();
            nodes.forEach(RunningNode::close);
            throw new IllegalStateException("coordinator did not start: " + e.getMessage(), e);
        }
        return new RunningCluster(nodes, coordinator);
    }

    /** The coordinator's client port (plaintext unless {@link #withTls}). */
    public int port() {
        return coordinator.port();
    }

    public RunningNode node(int i) {
        return nodes.get(i);
    }

    public List<RunningNode> nodes() {
        return nodes;
    }

    public CoordinatorServer coordinator() {
        return coordinator;
    }

    @Override
    public void close() {
        coordinator.close();
        nodes.forEach(RunningNode::close);
    }
}
