package io.memcluster.coordinator.it;

import io.memcluster.testkit.RawClient;
import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What the coordinator's own stats say about its nodes, asked on its plain port: {@code stats
 * nodes} (each node's state) and {@code stats route <key>} (the key's replicas, each with the CAS
 * of its copy), which is how a test sees where a key is without a connection of its own to the
 * nodes.
 */
final class CoordinatorStats {

    /** One replica of a key: {@code STAT <i> <node> <address> <state> <cas>|missing}. */
    record Copy(String node, String state, String cas) {

        boolean missing() {
            return cas.equals("missing");
        }
    }

    private CoordinatorStats() {
    }

    /** Node name to state ({@code up}, {@code down}), in ring order. */
    static Map<String, String> nodeStates(int plainPort) throws IOException {
        Map<String, String> states = new LinkedHashMap<>();
        for (String[] stat : stats(plainPort, "stats nodes")) {
            states.put(stat[1], stat[3]);
        }
        return states;
    }

    /** The key's replicas in ring order. */
    static List<Copy> route(int plainPort, String key) throws IOException {
        List<Copy> copies = new ArrayList<>();
        for (String[] stat : stats(plainPort, "stats route " + key)) {
            copies.add(new Copy(stat[2], stat[4], stat[5]));
        }
        return copies;
    }

    /** The STAT lines of one stats request, split at spaces; fails on any other reply. */
    private static List<String[]> stats(int plainPort, String request) throws IOException {
        try (RawClient client = new RawClient(plainPort)) {
            String reply = client.call(request + "\r\n", "END");
            List<String[]> stats = new ArrayList<>();
            for (String line : reply.split("\r\n")) {
                if (line.startsWith("STAT ")) {
                    stats.add(line.split(" "));
                } else if (!line.equals("END")) {
                    throw new AssertionError("'" + request + "' answered '" + line + "'");
                }
            }
            return stats;
        }
    }
}
