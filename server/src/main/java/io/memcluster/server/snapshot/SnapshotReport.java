package io.memcluster.server.snapshot;

import java.util.List;

/**
 * What one snapshot did: per namespace, its file written, removed (the namespace had no items
 * any more) or failed; or the whole run failed before any file (its folder cannot be made).
 *
 * @param startedAtMillis unix milliseconds
 * @param error           why the whole run failed; null when it ran (a namespace may still have failed)
 */
public record SnapshotReport(long startedAtMillis, long millis, List<NamespaceResult> namespaces, String error) {

    /** What happened to one namespace's file. */
    public enum Status { WRITTEN, REMOVED, FAILED }

    /**
     * @param bytes     the file's size; 0 when removed or failed
     * @param watermark every version at or below it is complete in the file
     * @param error     why it failed; null otherwise
     */
    public record NamespaceResult(String namespace, Status status, long items, long bytes, long watermark,
            String error) {
    }

    public boolean failed() {
        return error != null || namespaces.stream().anyMatch(ns -> ns.status() == Status.FAILED);
    }

    public long items() {
        return namespaces.stream().mapToLong(NamespaceResult::items).sum();
    }

    public long bytes() {
        return namespaces.stream().mapToLong(NamespaceResult::bytes).sum();
    }
}
