package io.memcluster.config;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads the {@code cluster} section, its {@code local} part and each entry of {@code nodes}, then
 * checks its rules and those it shares with the coordinator's ports.
 */
final class ClusterSection {

    private ClusterSection() {
    }

    /**
     * @param coordinator the coordinator's listeners, which local nodes must not take the ports
     *                    of; null when they could not be read, and that rule waits for them
     * @return the section's settings; null when any of them is wrong, which is then reported
     */
    static ClusterConfig read(ConfigNode root, CoordinatorConfig coordinator, Problems problems) {
        ClusterConfig defaults = ClusterConfig.defaults();
        ConfigNode cluster = root.section("cluster");
        long replicationFactor = cluster.integer("replication_factor", defaults.replicationFactor());
        String policyWord = cluster.string("write_policy", defaults.writePolicy().word());
        WritePolicy writePolicy = WritePolicy.parse(policyWord);
        if (writePolicy == null) {
            problems.add(cluster.pathOf("write_policy"), ConfigProblem.quote(policyWord)
                    + " is not a write policy (expected " + WritePolicy.VALID + ")");
            writePolicy = defaults.writePolicy();
        }
        Duration requestTimeout = cluster.duration("request_timeout", defaults.requestTimeout());
        Duration maxClockSkew = cluster.duration("max_clock_skew", defaults.maxClockSkew());
        problems.addAll(ClusterConfig.checkSkew(maxClockSkew));
        HintsConfig hints = hints(cluster.section("hints"), problems);

        ConfigNode local = cluster.section("local");
        long count = local.integer("count", defaults.local().count());
        long portInitial = local.integer("port_initial", defaults.local().portInitial());
        List<ConfigProblem> localProblems = LocalNodes.check(count, portInitial);
        problems.addAll(localProblems);
        // A count that could not be read stands in as its default: the rules that count the
        // nodes would then be about a number nobody wrote.
        LocalNodes localNodes = localProblems.isEmpty() && !problems.hasUnder(local.path())
                ? new LocalNodes((int) count, (int) portInitial) : null;

        List<RemoteNode> nodes = new ArrayList<>();
        for (ConfigNode entry : cluster.sections("nodes", "name: cache-1")) {
            nodes.add(entry == null ? null : remoteNode(entry, problems));
        }

        problems.addAll(ClusterConfig.check(replicationFactor, requestTimeout, localNodes, nodes));
        if (localNodes != null && coordinator != null) {
            problems.addAll(MemclusterConfig.check(coordinator, localNodes));
        }
        if (problems.hasUnder("cluster")) {
            return null;
        }
        return new ClusterConfig((int) replicationFactor, writePolicy, requestTimeout, localNodes, nodes,
                maxClockSkew, hints);
    }

    /** @return the section's settings; null when any of them is wrong, which is then reported */
    private static HintsConfig hints(ConfigNode section, Problems problems) {
        HintsConfig defaults = HintsConfig.defaults();
        boolean enabled = section.bool("enabled", defaults.enabled());
        long maxBytes = section.size("max_bytes", defaults.maxBytes());
        Duration maxAge = section.duration("max_age", defaults.maxAge());
        problems.addAll(HintsConfig.check(maxBytes, maxAge));
        return problems.hasUnder(section.path()) ? null : new HintsConfig(enabled, maxBytes, maxAge);
    }

    /** @return the entry; null when it is wrong, which is then reported */
    private static RemoteNode remoteNode(ConfigNode entry, Problems problems) {
        String name = entry.requiredString("name", "a node name, e.g. cache-1");
        String host = entry.requiredString("host", "a host name or address, e.g. 10.0.0.5");
        Long port = entry.requiredInteger("port", 12001);
        long weight = entry.integer("weight", RemoteNode.DEFAULT_WEIGHT);

        problems.addAll(RemoteNode.check(entry.path(), name, host, port, weight));
        if (problems.hasUnder(entry.path())) {
            return null;
        }
        return new RemoteNode(name, host, port.intValue(), (int) weight);
    }
}
