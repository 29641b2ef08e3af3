package io.memcluster.config;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * The whole of {@code config/config.yaml}: a node reads {@link #node()}, the coordinator all of
 * it. Valid by construction, including the rules across sections; {@link ConfigLoader} builds one.
 *
 * @param node        a standalone node's settings, which local nodes take too, with their own
 *                    ports and data folders ({@code node}, {@code data_dir}, {@code tls},
 *                    {@code plain}, {@code auth})
 * @param coordinator the coordinator's listeners ({@code coordinator})
 * @param cluster     the nodes and how keys are kept on them ({@code cluster})
 */
public record MemclusterConfig(NodeConfig node, CoordinatorConfig coordinator, ClusterConfig cluster) {

    private static final MemclusterConfig DEFAULTS = new MemclusterConfig(NodeConfig.defaults(),
            CoordinatorConfig.defaults(), ClusterConfig.defaults());

    public MemclusterConfig {
        Objects.requireNonNull(node, "node");
        Objects.requireNonNull(coordinator, "coordinator");
        Objects.requireNonNull(cluster, "cluster");
        ConfigException.throwIfAny(check(coordinator, cluster.local()));
    }

    /** What an empty config.yaml, or none, gives. */
    public static MemclusterConfig defaults() {
        return DEFAULTS;
    }

    /**
     * The coordinator's plaintext listener: its own port ({@code coordinator.plain_port}), and on
     * loopback unless {@code plain.allow_remote}, the one switch for every plaintext listener.
     */
    public PlainConfig coordinatorPlain() {
        return new PlainConfig(coordinator.plainPort(), node.plain().allowRemote());
    }

    /** Local nodes listen on this machine, where the coordinator's own ports are. */
    static List<ConfigProblem> check(CoordinatorConfig coordinator, LocalNodes local) {
        List<ConfigProblem> problems = new ArrayList<>();
        clash(problems, local, coordinator.port(), "coordinator.port", coordinator);
        if (coordinator.plainEnabled()) {
            clash(problems, local, coordinator.plainPort(), "coordinator.plain_port", coordinator);
        }
        return problems;
    }

    /** Reports the first clash only: a second would be about the same key, port_initial. */
    private static void clash(List<ConfigProblem> problems, LocalNodes local, int port, String key,
            CoordinatorConfig coordinator) {
        if (problems.isEmpty() && port >= local.portInitial() && port < local.portInitial() + local.count()) {
            // Just above both of the coordinator's ports, every local port is clear of them.
            int free = Math.max(coordinator.port(), coordinator.plainPort()) + 1;
            String example = free + local.count() - 1 <= 65535 ? ", e.g. " + free : "";
            String ports = local.count() == 1 ? " port misses" : " ports miss";
            problems.add(new ConfigProblem("cluster.local.port_initial", null, local.portInitial() + " puts "
                    + local.name(port - local.portInitial()) + " on " + port + ", which is " + key
                    + " (expected a first port whose " + local.count() + ports
                    + " coordinator.port and coordinator.plain_port" + example + ")"));
        }
    }
}
