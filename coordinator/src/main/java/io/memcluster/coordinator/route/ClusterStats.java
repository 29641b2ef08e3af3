package io.memcluster.coordinator.route;

import io.memcluster.auth.CommandRules;
import io.memcluster.auth.NamespaceAccess;
import io.memcluster.frontend.request.ReplySlot;
import io.memcluster.frontend.stats.ConnectionStats;
import io.memcluster.coordinator.hint.HintLog;
import io.memcluster.coordinator.version.HybridClock;
import io.memcluster.protocol.Command;
import io.memcluster.protocol.Reply;
import io.memcluster.protocol.ReplyEncoder;
import io.netty.buffer.ByteBuf;
import io.netty.channel.EventLoop;
import java.lang.management.ManagementFactory;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * {@code stats} through the coordinator: one big memcached. The nodes' counters are summed
 * (so an item on R nodes counts R times in {@code curr_items}, and a set in {@code cmd_set} once
 * per replica written); what describes the process a client talks to (pid, uptime, version,
 * connections, logins, TLS, traffic, threads) is the coordinator's own. {@code stats settings},
 * {@code items} and {@code slabs} answer with every line memcached_exporter reads.
 * The coordinator's own groups, {@code stats nodes}, {@code stats hints} and {@code stats route <key>}, are
 * {@link NodeReports}'; {@code stats snapshots} is {@link ClusterSnapshots}', per node.
 */
final class ClusterStats {

    /** General-group lines that describe the coordinator itself rather than the nodes. */
    private static final Set<String> OWN = Set.of("pid", "uptime", "time", "version", "libevent", "pointer_size",
            "rusage_user", "rusage_system", "max_connections", "curr_connections", "total_connections",
            "rejected_connections", "connection_structures", "auth_cmds", "auth_errors", "auth_denied",
            "ssl_handshake_errors", "ssl_new_sessions", "ssl_resumed_sessions", "bytes_read", "bytes_written",
            "threads", "accepting_conns", "listen_disabled_num", "conn_yields");

    private ClusterStats() {
    }

    static void answer(CoordinatorContext context, NamespaceAccess access, EventLoop loop, String[] args,
            ReplySlot slot) {
        Cluster cluster = context.cluster();
        String group = args.length == 0 ? "" : args[0];
        switch (group) {
            case "" -> gather(cluster, loop, args, slot, (answers, out) -> general(context, answers, out));
            case "settings" -> gather(cluster, loop, args, slot, (answers, out) -> settings(context, answers, out));
            case "items", "slabs" -> gather(cluster, loop, args, slot, ClusterStats::summed);
            case "namespaces" -> gather(cluster, loop, args, slot, (answers, out) -> namespaces(answers, access, out));
            case "reset" -> gather(cluster, loop, args, slot, (answers, out) -> {
                context.frontendStats().reset();
                out.writeBytes(ReplyEncoder.RESET);
            });
            case "conns" -> done(slot, out -> ConnectionStats.conns(out, context.connections().snapshot()));
            case "sizes" -> done(slot, out -> {
                ReplyEncoder.stat(out, "sizes_status", "disabled");
                ReplyEncoder.end(out);
            });
            case "detail" -> done(slot, out -> ReplyEncoder.line(out, "CLIENT_ERROR usage: stats detail on|off|dump"));
            case "nodes" -> done(slot, out -> NodeReports.nodes(cluster, out));
            case "catchup" -> done(slot, out -> NodeReports.catchUp(cluster, out));
            case "hints" -> done(slot, out -> NodeReports.hints(cluster, out));
            case "snapshots" -> ClusterSnapshots.stats(cluster, loop, args, access, slot);
            case "route" -> {
                if (args.length == 2) {
                    NodeReports.route(cluster, loop, CommandRules.statsKey(new Command.Stats(args)), slot);
                } else {
                    done(slot, out -> ReplyEncoder.line(out, "CLIENT_ERROR usage: stats route <key>"));
                }
            }
            default -> done(slot, out -> out.writeBytes(ReplyEncoder.ERROR));
        }
    }

    private interface Report {
        void write(List<Broadcast.Answer> answers, ByteBuf out);
    }

    private static void gather(Cluster cluster, EventLoop loop, String[] args, ReplySlot slot, Report report) {
        Broadcast.send(cluster, loop, new Command.Stats(args), answers -> {
            report.write(answers, slot.out());
            slot.complete();
        });
    }

    private static void done(ReplySlot slot, java.util.function.Consumer<ByteBuf> write) {
        write.accept(slot.out());
        slot.complete();
    }

    private static void general(CoordinatorContext context, List<Broadcast.Answer> answers, ByteBuf out) {
        Map<String, String> own = new LinkedHashMap<>();
        long now = context.clock().seconds();
        own.put("pid", Long.toString(ProcessHandle.current().pid()));
        own.put("uptime", Long.toString(now - context.startedUnixSeconds()));
        own.put("time", Long.toString(now));
        own.put("version", context.version());
        own.put("pointer_size", "64");
        own.put("rusage_user", String.format(Locale.ROOT, "%.6f", processCpuSeconds()));
        own.put("rusage_system", "0.000000");
        ConnectionStats.connections(context.frontendStats(), context.settings().maxConnections(),
                (name, value) -> own.put(name, Long.toString(value)));
        ConnectionStats.security(context.frontendStats(), (name, value) -> own.put(name, Long.toString(value)));
        own.put("threads", Integer.toString(context.settings().threads()));
        own.put("accepting_conns", "1");
        own.put("listen_disabled_num", "0");
        own.put("conn_yields", "0");

        Map<String, String> merged = sum(answers, Set.of());
        // the coordinator's lines first where the nodes had them, in their order; the rest after
        Map<String, String> lines = new LinkedHashMap<>();
        own.forEach((name, value) -> {
            if (!merged.containsKey(name)) {
                lines.put(name, value);
            }
        });
        Map<String, String> ordered = new LinkedHashMap<>();
        if (merged.isEmpty()) {
            ordered.putAll(own);
        } else {
            merged.forEach((name, value) -> ordered.put(name, OWN.contains(name) ? own.getOrDefault(name, value) : value));
            lines.forEach(ordered::putIfAbsent);
        }
        ordered.forEach((name, value) -> ReplyEncoder.stat(out, name, value));
        int up = 0;
        for (Broadcast.Answer answer : answers) {
            if (answer.answered()) {
                up++;
            }
        }
        ReplyEncoder.stat(out, "cluster_nodes", answers.size());
        ReplyEncoder.stat(out, "cluster_nodes_up", up);
        ReplyEncoder.stat(out, "cluster_replication_factor", context.cluster().replicationFactor());
        HybridClock versions = context.cluster().versions();
        ReplyEncoder.stat(out, "coordinator_id", versions.id());
        ReplyEncoder.stat(out, "version_last", Long.toUnsignedString(versions.last()));
        ReplyEncoder.stat(out, "versions_refused_ahead", versions.refusedAhead());
        NodeReports.catchUpTotals(context.cluster(), out);
        HintLog.Counts hints = context.cluster().hints().totals();
        ReplyEncoder.stat(out, "hints_queued", hints.queued());
        ReplyEncoder.stat(out, "hints_bytes", hints.bytes());
        ReplyEncoder.stat(out, "hints_replayed", hints.replayed());
        ReplyEncoder.stat(out, "hints_dropped_overflow", hints.droppedOverflow());
        ReplyEncoder.stat(out, "hints_dropped_expired", hints.droppedExpired());
        ReplyEncoder.stat(out, "hints_dropped_refused", hints.droppedRefused());
        ReplyEncoder.end(out);
    }

    private static void settings(CoordinatorContext context, List<Broadcast.Answer> answers, ByteBuf out) {
        CoordinatorContext.Settings s = context.settings();
        Map<String, String> first = null;
        long maxbytes = 0;
        for (Broadcast.Answer answer : answers) {
            Map<String, String> lines = stats(answer);
            if (lines == null) {
                continue;
            }
            if (first == null) {
                first = lines;
            }
            maxbytes += parse(lines.get("maxbytes"));
        }
        Map<String, String> own = new LinkedHashMap<>(first == null ? Map.of() : first);
        own.put("maxbytes", Long.toString(maxbytes));
        own.put("maxconns", Integer.toString(s.maxConnections()));
        own.put("tcpport", Integer.toString(s.port()));
        own.put("inter", s.bind());
        own.put("num_threads", Integer.toString(s.threads()));
        own.put("item_size_max", Integer.toString(s.maxItemSize()));
        own.put("idle_timeout", Long.toString(s.idleTimeoutSeconds()));
        own.put("shutdown_command", "no");
        own.put("auth_enabled_ascii", s.authEnabled() ? "yes" : "no");
        own.put("ssl_enabled", s.sslEnabled() ? "yes" : "no");
        own.forEach((name, value) -> ReplyEncoder.stat(out, name, value));
        ReplyEncoder.end(out);
    }

    /** items and slabs: each line summed over the nodes, but sizes and ages, which are at most the largest. */
    private static void summed(List<Broadcast.Answer> answers, ByteBuf out) {
        sum(answers, Set.of("chunk_size", "age", "active_slabs", "evicted_time"))
                .forEach((name, value) -> ReplyEncoder.stat(out, name, value));
        ReplyEncoder.end(out);
    }

    private static void namespaces(List<Broadcast.Answer> answers, NamespaceAccess access, ByteBuf out) {
        Map<String, String> merged = new LinkedHashMap<>();
        for (Broadcast.Answer answer : answers) {
            Map<String, String> lines = stats(answer);
            if (lines == null) {
                continue;
            }
            lines.forEach((name, value) -> merged.merge(name, value, name.endsWith(":max_version")
                    ? (a, b) -> Long.compareUnsigned(Long.parseUnsignedLong(a), Long.parseUnsignedLong(b)) >= 0 ? a : b
                    : (a, b) -> Long.toString(parse(a) + parse(b))));
        }
        // by namespace, as a node lists them, whichever node knew a namespace first
        Map<String, Map<String, String>> byNamespace = new java.util.TreeMap<>();
        merged.forEach((name, value) -> {
            int colon = name.lastIndexOf(':');
            if (colon > 0 && access.mayRead(name.substring(0, colon))) {
                byNamespace.computeIfAbsent(name.substring(0, colon), ns -> new LinkedHashMap<>()).put(name, value);
            }
        });
        byNamespace.values().forEach(lines -> lines.forEach((name, value) -> ReplyEncoder.stat(out, name, value)));
        ReplyEncoder.end(out);
    }

    /**
     * Every node's lines in the order they first appear, numbers summed; a line whose last name
     * part is in {@code largest} takes the largest; a line that is not a number keeps the first.
     */
    private static Map<String, String> sum(List<Broadcast.Answer> answers, Set<String> largest) {
        Map<String, String> merged = new LinkedHashMap<>();
        for (Broadcast.Answer answer : answers) {
            Map<String, String> lines = stats(answer);
            if (lines == null) {
                continue;
            }
            lines.forEach((name, value) -> merged.merge(name, value, (a, b) -> {
                if (!isNumber(a) || !isNumber(b)) {
                    return a;
                }
                String part = name.substring(name.lastIndexOf(':') + 1);
                return largest.contains(part) ? Long.toString(Math.max(parse(a), parse(b)))
                        : Long.toString(parse(a) + parse(b));
            }));
        }
        return merged;
    }

    /** A node's STAT lines by name, or null when it did not answer with a listing. */
    private static Map<String, String> stats(Broadcast.Answer answer) {
        if (!(answer.last() instanceof Reply.End)) {
            return null;
        }
        Map<String, String> lines = new LinkedHashMap<>();
        for (Reply element : answer.elements) {
            if (element instanceof Reply.Stat stat) {
                lines.put(stat.name(), stat.value());
            }
        }
        return lines;
    }

    private static boolean isNumber(String value) {
        if (value.isEmpty()) {
            return false;
        }
        for (int i = value.charAt(0) == '-' ? 1 : 0; i < value.length(); i++) {
            if (!Character.isDigit(value.charAt(i))) {
                return false;
            }
        }
        return value.length() < 19;
    }

    private static long parse(String value) {
        return value != null && isNumber(value) ? Long.parseLong(value) : 0;
    }

    private static double processCpuSeconds() {
        var os = ManagementFactory.getOperatingSystemMXBean();
        if (os instanceof com.sun.management.OperatingSystemMXBean sun) {
            return sun.getProcessCpuTime() / 1e9;
        }
        return 0;
    }
}
