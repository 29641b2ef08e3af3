package io.memcluster.server.snapshot;

import java.util.Map;
import java.util.TreeMap;

/**
 * What {@code stats snapshots} shows: the runs so far, the load at start, and per namespace its
 * last good file and its last error. Written by the snapshot thread (and the loader before it),
 * read by event loops: every method is synchronized; all of it is small.
 */
final class SnapshotHistory {

    /**
     * One namespace's last good file (its time is the snapshot's start, or the loaded file's for a
     * namespace not written since the node started) and, if its last attempt failed, why.
     */
    record NamespaceState(long lastMillis, long durationMillis, long items, long bytes, long watermark,
            String lastError, long failures) {
    }

    private final long startedAtMillis;
    private final Map<String, NamespaceState> namespaces = new TreeMap<>();
    private LoadReport load = LoadReport.NOTHING;
    private SnapshotReport last;
    private long runs;
    private long failedRuns;
    private boolean running;

    SnapshotHistory(long startedAtMillis) {
        this.startedAtMillis = startedAtMillis;
    }

    synchronized void loaded(LoadReport report) {
        load = report;
        for (LoadReport.Loaded ns : report.namespaces()) {
            namespaces.put(ns.namespace(), new NamespaceState(ns.writtenAtMillis(), 0, ns.items(), ns.bytes(),
                    ns.watermark(), null, 0));
        }
    }

    synchronized void running() {
        running = true;
    }

    synchronized void finished(SnapshotReport report) {
        running = false;
        last = report;
        runs++;
        if (report.failed()) {
            failedRuns++;
        }
        for (SnapshotReport.NamespaceResult ns : report.namespaces()) {
            NamespaceState before = namespaces.get(ns.namespace());
            switch (ns.status()) {
                case WRITTEN -> namespaces.put(ns.namespace(), new NamespaceState(report.startedAtMillis(),
                        report.millis(), ns.items(), ns.bytes(), ns.watermark(), null,
                        before == null ? 0 : before.failures()));
                case REMOVED -> namespaces.remove(ns.namespace());
                case FAILED -> namespaces.put(ns.namespace(), before == null
                        ? new NamespaceState(0, 0, 0, 0, 0, ns.error(), 1)
                        : new NamespaceState(before.lastMillis(), before.durationMillis(), before.items(),
                                before.bytes(), before.watermark(), ns.error(), before.failures() + 1));
            }
        }
    }

    /** Files removed after a flush: not a run, only namespaces gone. */
    synchronized void forgotten(SnapshotReport report) {
        for (SnapshotReport.NamespaceResult ns : report.namespaces()) {
            if (ns.status() == SnapshotReport.Status.REMOVED) {
                namespaces.remove(ns.namespace());
            }
        }
    }

    synchronized long startedAtMillis() {
        return startedAtMillis;
    }

    synchronized LoadReport load() {
        return load;
    }

    /** The last run's report; null before the first. */
    synchronized SnapshotReport last() {
        return last;
    }

    synchronized long runs() {
        return runs;
    }

    synchronized long failedRuns() {
        return failedRuns;
    }

    synchronized boolean isRunning() {
        return running;
    }

    synchronized Map<String, NamespaceState> namespaces() {
        return new TreeMap<>(namespaces);
    }
}
