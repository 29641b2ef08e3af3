package io.memcluster.client.session;

import io.memcluster.protocol.Command;
import io.memcluster.protocol.ErrorKind;
import io.memcluster.protocol.Reply;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * SNAPSHOT [namespace] ({@code bin/memcluster snapshot}): {@code memcluster snapshot} and one line
 * per node of what it wrote, {@code node-1: ok, 3 namespaces, 12345 items, 1.2 MB in 0.4 s} or
 * {@code node-2: FAILED: <why>}; exit code 1 when any node failed. A coordinator prefixes each
 * node's lines with its name ({@code node-1:items}) and adds {@code nodes}; a node asked directly
 * answers for itself, and its line is named by its address.
 */
final class SnapshotReport {

    /**
     * A node answers once its files are on disk, which takes tens of seconds for a few GB: longer
     * than the usual reply timeout. A coordinator gives each node 5 minutes and then reports it
     * failed; waiting a minute beyond that gets its report rather than losing the whole answer.
     */
    static final Duration REPLY_TIMEOUT = Duration.ofMinutes(6);

    private final Session session;

    SnapshotReport(Session session) {
        this.session = session;
    }

    Outcome run(String namespace) {
        Map<String, String> stats = new LinkedHashMap<>();
        Reply end = session.connection().listing(new Command.Snapshot(namespace), element -> {
            if (element instanceof Reply.Stat stat) {
                stats.put(stat.name(), stat.value());
            }
        }, timeout());
        if (end instanceof Reply.Error error && error.kind() == ErrorKind.CLIENT_ERROR
                && error.message().startsWith("permission denied")) {
            throw new ServerRefusal(ExitCodes.CONNECTION, "permission denied: a snapshot needs an ADMIN user");
        }
        if (end instanceof Reply.Error error && error.kind() == ErrorKind.ERROR) {
            throw new ServerRefusal(ExitCodes.NOT_DONE, "the server does not take snapshots: is it a memcluster"
                    + " node or coordinator?");
        }
        if (!(end instanceof Reply.End)) {
            throw ServerRefusal.of(end, "write", namespace == null ? "*" : namespace);
        }
        Map<String, Map<String, String>> nodes = new LinkedHashMap<>();
        if (stats.containsKey("nodes")) {
            stats.forEach((name, value) -> {
                int colon = name.indexOf(':');
                if (colon > 0) {
                    nodes.computeIfAbsent(name.substring(0, colon), n -> new LinkedHashMap<>())
                            .put(name.substring(colon + 1), value);
                }
            });
        } else {
            nodes.put(session.hostAndPort(), stats);
        }
        List<String> lines = new ArrayList<>();
        List<Map<String, Object>> json = new ArrayList<>();
        boolean failed = nodes.isEmpty();
        for (Map.Entry<String, Map<String, String>> node : nodes.entrySet()) {
            Map<String, String> own = node.getValue();
            long items = number(own.get("items"));
            long bytes = number(own.get("bytes"));
            long millis = number(own.get("duration_ms"));
            long namespaces = number(own.get("namespaces"));
            if ("ok".equals(own.get("result"))) {
                lines.add(node.getKey() + ": ok, " + namespaces + " namespace" + (namespaces == 1 ? "" : "s") + ", "
                        + items + " item" + (items == 1 ? "" : "s") + ", " + size(bytes) + " in " + seconds(millis));
                json.add(Outcome.fields("node", node.getKey(), "result", "ok", "namespaces", namespaces, "items", items,
                        "bytes", bytes, "duration_ms", millis));
            } else {
                failed = true;
                String why = why(own);
                lines.add(node.getKey() + ": FAILED: " + why);
                json.add(Outcome.fields("node", node.getKey(), "result", "failed", "error", why));
            }
        }
        Map<String, Object> fields = Outcome.fields("namespace", namespace, "result", failed ? "failed" : "ok",
                "nodes", json);
        if (nodes.isEmpty()) {
            lines.add("the server answered without a node's result");
        }
        return new Outcome("snapshot", failed ? ExitCodes.NOT_DONE : ExitCodes.OK, lines, fields, false);
    }

    private Duration timeout() {
        Duration usual = session.connection().address().replyTimeout();
        return usual.compareTo(REPLY_TIMEOUT) > 0 ? usual : REPLY_TIMEOUT;
    }

    /** The node's own error, else the first namespace's. */
    private static String why(Map<String, String> node) {
        if (node.containsKey("error")) {
            return node.get("error");
        }
        for (Map.Entry<String, String> line : node.entrySet()) {
            if (line.getKey().endsWith(":error")) {
                String namespace = line.getKey().substring(0, line.getKey().length() - ":error".length());
                return "namespace " + namespace + ": " + line.getValue();
            }
        }
        return "result " + node.getOrDefault("result", "missing");
    }

    private static long number(String value) {
        try {
            return value == null ? 0 : Long.parseLong(value.trim());
        } catch (NumberFormatException e) {
            return 0;
        }
    }

    /** 512 B, 12.3 kB, 1.2 MB, 3.4 GB: decimal units, one decimal, as df -H and most tools show them. */
    static String size(long bytes) {
        if (bytes < 1000) {
            return bytes + " B";
        }
        String[] units = {"kB", "MB", "GB", "TB", "PB"};
        double value = bytes;
        int unit = -1;
        while (value >= 1000 && unit < units.length - 1) {
            value /= 1000;
            unit++;
        }
        return String.format(Locale.ROOT, "%.1f %s", value, units[unit]);
    }

    private static String seconds(long millis) {
        return String.format(Locale.ROOT, "%.1f s", millis / 1000.0);
    }
}
