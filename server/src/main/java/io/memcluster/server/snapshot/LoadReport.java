package io.memcluster.server.snapshot;

import java.util.List;

/**
 * What a node loaded at its start.
 *
 * @param namespaces one per file loaded
 * @param rejected   one per file moved aside
 */
public record LoadReport(List<Loaded> namespaces, List<Rejected> rejected, long millis) {

    /**
     * @param items     items back in the store
     * @param expired   items whose expiry passed while the node was down
     * @param dropped   items left out for want of room: the least recently used
     * @param bytes     the file's size
     * @param watermark the file's: every version at or below it is complete in what was loaded,
     *                  unless items were dropped
     */
    public record Loaded(String namespace, long items, long expired, long dropped, long bytes, long millis,
            long watermark, long writtenAtMillis) {
    }

    /** @param movedTo where the file is now; null when it could not be moved */
    public record Rejected(String file, String reason, String movedTo) {
    }

    static final LoadReport NOTHING = new LoadReport(List.of(), List.of(), 0);

    public long items() {
        return namespaces.stream().mapToLong(Loaded::items).sum();
    }

    public long bytes() {
        return namespaces.stream().mapToLong(Loaded::bytes).sum();
    }

    public long dropped() {
        return namespaces.stream().mapToLong(Loaded::dropped).sum();
    }
}
