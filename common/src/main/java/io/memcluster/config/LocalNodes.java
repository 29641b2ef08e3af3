package io.memcluster.config;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * The {@code cluster.local} section: the nodes the coordinator starts on this machine as daemons.
 * Node {@code i} (0-based) is named {@code node-<i+1>} and listens on loopback at
 * {@code portInitial + i}; it takes the {@code node} section for everything else.
 *
 * @param count       how many; 0 for a cluster of remote nodes only
 * @param portInitial the first node's port
 */
public record LocalNodes(int count, int portInitial) {

    /** Where a local node listens: the coordinator reaches them on this machine only. */
    public static final String HOST = "127.0.0.1";

    private static final int MAX_PORT = 65535;

    public LocalNodes {
        ConfigException.throwIfAny(check(count, portInitial));
    }

    /** {@code node-1} for the first: the name the ring, the pid file and the web UI know it by. */
    public String name(int i) {
        Objects.checkIndex(i, count);
        return "node-" + (i + 1);
    }

    public int port(int i) {
        Objects.checkIndex(i, count);
        return portInitial + i;
    }

    /** Its own folder under the cluster's, for its snapshots and pid file: {@code <dataDir>/nodes/node-1}. */
    public Path dataDir(Path dataDir, int i) {
        return dataDir.resolve("nodes").resolve(name(i));
    }

    /** Whether {@code name} is one of {@code node-1 .. node-<count>}. */
    public boolean isLocalName(String name) {
        for (int i = 0; i < count; i++) {
            if (name(i).equals(name)) {
                return true;
            }
        }
        return false;
    }

    static List<ConfigProblem> check(long count, long portInitial) {
        List<ConfigProblem> problems = new ArrayList<>();
        if (count < 0) {
            problems.add(problem("cluster.local.count", count
                    + " is negative (expected 0, for no local nodes, or more)"));
        } else if (count > MAX_PORT) {
            problems.add(problem("cluster.local.count", count + " is more than there are ports (expected at most "
                    + MAX_PORT + ", one port each)"));
        }
        if (portInitial < 1 || portInitial > MAX_PORT) {
            problems.add(problem("cluster.local.port_initial", portInitial + " is out of range (expected 1-65535)"));
        } else if (count > 0 && count <= MAX_PORT && portInitial + count - 1 > MAX_PORT) {
            problems.add(problem("cluster.local.port_initial", portInitial + " puts node-" + count + " on port "
                    + (portInitial + count - 1) + " (expected at most " + (MAX_PORT - count + 1) + " for " + count
                    + " local nodes, one port each)"));
        }
        return problems;
    }

    private static ConfigProblem problem(String path, String message) {
        return new ConfigProblem(path, null, message);
    }
}
