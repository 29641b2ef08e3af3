package io.memcluster.config;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;

/**
 * The {@code cluster} section: which nodes make up the cluster and how keys are kept on them.
 *
 * @param replicationFactor R: each key lives on the first R distinct nodes of the ring
 * @param writePolicy       when a write counts as done
 * @param requestTimeout    a request to a node unanswered this long fails, and counts toward
 *                          marking the node down
 * @param local             the nodes the coordinator starts on this machine
 * @param nodes             the nodes it only connects to, in file order
 * @param maxClockSkew      how far ahead of the coordinator's clock a version seen elsewhere (a
 *                          node's, a client's {@code E}) may be and still be adopted
 * @param hints             what is kept of the writes a replica missed, for when it returns
 */
public record ClusterConfig(int replicationFactor, WritePolicy writePolicy, Duration requestTimeout,
        LocalNodes local, List<RemoteNode> nodes, Duration maxClockSkew, HintsConfig hints) {

    public static final Duration DEFAULT_MAX_CLOCK_SKEW = Duration.ofMillis(500);

    private static final ClusterConfig DEFAULTS = new ClusterConfig(2, WritePolicy.ALL_LIVE, Duration.ofSeconds(1),
            new LocalNodes(3, 12001), List.of());

    /** With the default allowed clock skew, 500 ms. */
    public ClusterConfig(int replicationFactor, WritePolicy writePolicy, Duration requestTimeout, LocalNodes local,
            List<RemoteNode> nodes) {
        this(replicationFactor, writePolicy, requestTimeout, local, nodes, DEFAULT_MAX_CLOCK_SKEW);
    }

    /** With the default hints: on, 64m, 3h. */
    public ClusterConfig(int replicationFactor, WritePolicy writePolicy, Duration requestTimeout, LocalNodes local,
            List<RemoteNode> nodes, Duration maxClockSkew) {
        this(replicationFactor, writePolicy, requestTimeout, local, nodes, maxClockSkew, HintsConfig.defaults());
    }

    /** The same cluster with these hint settings. */
    public ClusterConfig withHints(HintsConfig hints) {
        return new ClusterConfig(replicationFactor, writePolicy, requestTimeout, local, nodes, maxClockSkew, hints);
    }

    public ClusterConfig {
        Objects.requireNonNull(writePolicy, "writePolicy");
        Objects.requireNonNull(requestTimeout, "requestTimeout");
        Objects.requireNonNull(local, "local");
        Objects.requireNonNull(maxClockSkew, "maxClockSkew");
        Objects.requireNonNull(hints, "hints");
        nodes = List.copyOf(nodes);
        ConfigException.throwIfAny(check(replicationFactor, requestTimeout, local, nodes));
        ConfigException.throwIfAny(checkSkew(maxClockSkew));
    }

    /** Three local nodes on 12001-12003, each key on two of them: a cluster that survives a node on one machine. */
    public static ClusterConfig defaults() {
        return DEFAULTS;
    }

    /** Every node, local ones first ({@code node-1 ..}), then the remote ones in file order. */
    public List<ClusterMember> members() {
        List<ClusterMember> members = new ArrayList<>(local.count() + nodes.size());
        for (int i = 0; i < local.count(); i++) {
            members.add(new ClusterMember(local.name(i), LocalNodes.HOST, local.port(i), RemoteNode.DEFAULT_WEIGHT,
                    true));
        }
        for (RemoteNode node : nodes) {
            members.add(new ClusterMember(node.name(), node.host(), node.port(), node.weight(), false));
        }
        return List.copyOf(members);
    }

    /** A majority of the R replicas: what {@link WritePolicy#QUORUM} waits for. */
    public int quorum() {
        return replicationFactor / 2 + 1;
    }

    /**
     * Every rule broken, named by YAML path. {@code local} is null when it could not be read, and
     * an entry of {@code nodes} is null where that entry could not be (both reported already):
     * the rules that need them are left until they can be read, the others still apply.
     */
    static List<ConfigProblem> check(long replicationFactor, Duration requestTimeout, LocalNodes local,
            List<RemoteNode> nodes) {
        List<ConfigProblem> problems = new ArrayList<>();
        // Broken entries count: the operator meant them as nodes. An unreadable count is unknown.
        int members = local == null ? -1 : local.count() + nodes.size();
        if (replicationFactor < 1) {
            problems.add(problem("cluster.replication_factor", replicationFactor
                    + " is too small (expected at least 1)"));
        } else if (members > 0 && replicationFactor > members) {
            problems.add(problem("cluster.replication_factor", replicationFactor + " is more than the " + members
                    + (members == 1 ? " node (expected 1)" : " nodes (expected 1-" + members + ")")));
        }
        if (requestTimeout.isZero() || requestTimeout.isNegative()) {
            problems.add(problem("cluster.request_timeout", Durations.format(requestTimeout)
                    + " is too short (expected at least 1ms)"));
        }
        if (members == 0) {
            problems.add(problem("cluster.local.count",
                    "0 leaves the cluster without nodes (expected at least 1, or a node under cluster.nodes)"));
        }
        for (int i = 0; i < nodes.size(); i++) {
            if (nodes.get(i) != null) {
                checkAgainstOthers(problems, i, nodes, local);
            }
        }
        return problems;
    }

    static List<ConfigProblem> checkSkew(Duration maxClockSkew) {
        if (maxClockSkew.isNegative()) {
            return List.of(problem("cluster.max_clock_skew", Durations.format(maxClockSkew)
                    + " is negative (expected 0s or more, e.g. 500ms)"));
        }
        return List.of();
    }

    /** Names and addresses must be unique: two entries for one node would hold a key's replicas twice. */
    private static void checkAgainstOthers(List<ConfigProblem> problems, int i, List<RemoteNode> nodes,
            LocalNodes local) {
        RemoteNode node = nodes.get(i);
        String at = "cluster.nodes[" + i + "]";
        if (local != null && local.isLocalName(node.name())) {
            String names = local.count() == 1 ? "node-1" : "node-1 to node-" + local.count();
            problems.add(problem(at + ".name", ConfigProblem.quote(node.name()) + " is a local node's name (expected"
                    + " a name other than " + names + ", which cluster.local.count gives the local nodes)"));
        }
        for (int j = 0; j < i; j++) {
            if (nodes.get(j) != null && nodes.get(j).name().equals(node.name())) {
                problems.add(problem(at + ".name", ConfigProblem.quote(node.name()) + " is cluster.nodes[" + j
                        + "]'s name too (expected a name of its own for each node)"));
                break;
            }
        }
        String sameAddress = null;
        if (local != null && node.host().equals(LocalNodes.HOST) && node.port() >= local.portInitial()
                && node.port() < local.portInitial() + local.count()) {
            sameAddress = "local " + local.name(node.port() - local.portInitial());
        }
        for (int j = 0; j < i && sameAddress == null; j++) {
            RemoteNode other = nodes.get(j);
            if (other != null && other.port() == node.port()
                    && other.host().toLowerCase(Locale.ROOT).equals(node.host().toLowerCase(Locale.ROOT))) {
                sameAddress = "cluster.nodes[" + j + "]";
            }
        }
        if (sameAddress != null) {
            String address = new ClusterMember(node.name(), node.host(), node.port(), node.weight(), false).address();
            problems.add(problem(at, address + " is " + sameAddress
                    + "'s address too (expected a host and port of its own for each node)"));
        }
    }

    private static ConfigProblem problem(String path, String message) {
        return new ConfigProblem(path, null, message);
    }
}
