package io.memcluster.server.snapshot;

import io.memcluster.config.SnapshotConfig;
import java.util.Map;
import java.util.function.Predicate;

/**
 * The lines of {@code stats snapshots}, an extension: the schedule and the runs, what was loaded
 * at start, and per namespace ({@code <namespace>:<name>}; names have no colon otherwise) its last
 * good file and last error. {@code oldest_age} is what to alert on: the seconds since the oldest
 * of the last good files of the namespaces that hold items now, counting a namespace never
 * written from the node's start.
 */
final class SnapshotStats {

    private SnapshotStats() {
    }

    static void write(SnapshotHistory history, SnapshotConfig config, long nowMillis, Map<String, Long> live,
            Snapshots.StatsLines out, Predicate<String> visible) {
        out.stat("interval", Long.toString(config.interval().toSeconds()));
        out.stat("in_progress", history.isRunning() ? "1" : "0");
        out.stat("runs", Long.toString(history.runs()));
        out.stat("failed_runs", Long.toString(history.failedRuns()));
        SnapshotReport last = history.last();
        out.stat("last_time", last == null ? "0" : Long.toString(last.startedAtMillis() / 1000));
        out.stat("last_duration_ms", last == null ? "0" : Long.toString(last.millis()));
        out.stat("last_result", last == null ? "none" : last.failed() ? "failed" : "ok");
        if (last != null && last.failed()) {
            String error = firstVisibleError(last, visible);
            if (error != null) {
                out.stat("last_error", error);
            }
        }
        Map<String, SnapshotHistory.NamespaceState> namespaces = history.namespaces();
        long oldest = nowMillis;
        for (String name : live.keySet()) {
            SnapshotHistory.NamespaceState state = namespaces.get(name);
            long good = state == null || state.lastMillis() == 0 ? history.startedAtMillis() : state.lastMillis();
            oldest = Math.min(oldest, good);
        }
        out.stat("oldest_age", Long.toString(Math.max(0, nowMillis - oldest) / 1000));
        LoadReport load = history.load();
        out.stat("loaded_namespaces", Integer.toString(load.namespaces().size()));
        out.stat("loaded_items", Long.toString(load.items()));
        out.stat("loaded_bytes", Long.toString(load.bytes()));
        out.stat("loaded_expired", Long.toString(load.namespaces().stream().mapToLong(LoadReport.Loaded::expired).sum()));
        out.stat("loaded_dropped", Long.toString(load.dropped()));
        out.stat("load_ms", Long.toString(load.millis()));
        out.stat("rejected_files", Integer.toString(load.rejected().size()));
        for (int i = 0; i < load.rejected().size(); i++) {
            LoadReport.Rejected r = load.rejected().get(i);
            String file = r.file();
            String name = file.endsWith(SnapshotFormat.SUFFIX)
                    ? file.substring(0, file.length() - SnapshotFormat.SUFFIX.length()) : file;
            if (visible.test(name)) {
                out.stat("rejected_" + (i + 1), file + ": " + r.reason());
            }
        }
        for (Map.Entry<String, SnapshotHistory.NamespaceState> ns : namespaces.entrySet()) {
            String name = ns.getKey();
            if (!visible.test(name)) {
                continue;
            }
            SnapshotHistory.NamespaceState state = ns.getValue();
            out.stat(name + ":last_time", Long.toString(state.lastMillis() / 1000));
            out.stat(name + ":duration_ms", Long.toString(state.durationMillis()));
            out.stat(name + ":items", Long.toString(state.items()));
            out.stat(name + ":bytes", Long.toString(state.bytes()));
            out.stat(name + ":watermark", Long.toUnsignedString(state.watermark()));
            out.stat(name + ":failures", Long.toString(state.failures()));
            if (state.lastError() != null) {
                out.stat(name + ":last_error", state.lastError());
            }
        }
    }

    /** The run's error, or its first failed namespace's that {@code visible} lets through; null if none. */
    private static String firstVisibleError(SnapshotReport report, Predicate<String> visible) {
        if (report.error() != null) {
            return report.error();
        }
        return report.namespaces().stream()
                .filter(ns -> ns.error() != null && (ns.namespace().isEmpty() || visible.test(ns.namespace())))
                .map(ns -> ns.namespace().isEmpty() ? ns.error() : "namespace " + ns.namespace() + ": " + ns.error())
                .findFirst().orElse(null);
    }
}
