package io.memcluster.server.snapshot;

import io.memcluster.server.store.ItemBatch;
import io.memcluster.server.store.Namespace;
import io.memcluster.server.store.Store;
import io.memcluster.server.store.VersionCut;
import io.memcluster.time.Clock;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * One pass over the store that writes every namespace's file at once: the store is walked a few
 * hundred items per segment lock (see {@link Store#scanLive(Store.Scan, ItemBatch)}), so clients
 * wait microseconds, not the length of the snapshot; each item goes to its namespace's
 * {@link NamespaceFileWriter}; nothing but the batch and one buffer per namespace is held. No
 * fork and no copy of the data: an item stored while the pass runs is in this snapshot or the
 * next, and the watermark of each file says which versions it vouches for ({@link VersionCut}).
 * Confined to one thread at a time (the snapshot thread).
 */
final class SnapshotWriter {

    static final int ITEMS_PER_LOCK = 256;

    private final Store store;
    private final Path dir;
    private final Clock clock;
    private final ItemBatch batch = new ItemBatch(ITEMS_PER_LOCK);
    /** Buffers kept from run to run: one per namespace being written. */
    private final ArrayDeque<ByteBuffer> buffers = new ArrayDeque<>();

    SnapshotWriter(Store store, Path dir, Clock clock) {
        this.store = store;
        this.dir = dir;
        this.clock = clock;
    }

    /** @param only a namespace to write alone, or null for all */
    SnapshotReport write(String only) {
        long started = clock.millis();
        try {
            Files.createDirectories(dir);
        } catch (IOException e) {
            return new SnapshotReport(started, clock.millis() - started, List.of(),
                    "cannot create " + dir + ": " + Reasons.of(e));
        }
        Map<String, NamespaceFileWriter> writers = new HashMap<>();
        Map<String, String> failures = new HashMap<>();
        VersionCut cut = store.openCut();
        try {
            Store.Scan scan = store.newScan();
            boolean more = true;
            while (more) {
                more = store.scanLive(scan, batch);
                for (int i = 0; i < batch.size(); i++) {
                    Namespace ns = batch.item(i).namespace();
                    String name = ns.name();
                    if ((only != null && !only.equals(name)) || failures.containsKey(name)) {
                        continue;
                    }
                    NamespaceFileWriter writer = writers.get(name);
                    try {
                        if (writer == null) {
                            writer = new NamespaceFileWriter(dir, name, buffer());
                            writers.put(name, writer);
                        }
                        writer.append(batch, i, store.time());
                    } catch (IOException | RuntimeException e) {
                        failures.put(name, Reasons.of(e));
                        if (writer != null) {
                            writer.abandon();
                            writers.remove(name);
                            buffers.push(bufferOf(writer));
                        }
                    }
                }
            }
        } finally {
            store.closeCut(cut);
        }
        batch.clear();
        Map<String, SnapshotReport.NamespaceResult> results = new TreeMap<>();
        for (NamespaceFileWriter writer : writers.values()) {
            String name = writer.namespace();
            long watermark = cut.watermark(name);
            try {
                long bytes = writer.commit(watermark, started);
                results.put(name, new SnapshotReport.NamespaceResult(name, SnapshotReport.Status.WRITTEN,
                        writer.items(), bytes, watermark, null));
            } catch (IOException | RuntimeException e) {
                writer.abandon();
                failures.put(name, Reasons.of(e));
            } finally {
                buffers.push(bufferOf(writer));
            }
        }
        failures.forEach((name, reason) -> results.put(name,
                new SnapshotReport.NamespaceResult(name, SnapshotReport.Status.FAILED, 0, 0, 0, reason)));
        removeEmptied(only, results);
        return new SnapshotReport(started, clock.millis() - started, new ArrayList<>(results.values()), null);
    }

    /** Removes the file of {@code only} (every file when null) without writing any. */
    SnapshotReport forget(String only) {
        long started = clock.millis();
        Map<String, SnapshotReport.NamespaceResult> results = new TreeMap<>();
        if (Files.isDirectory(dir)) {
            removeEmptied(only, results);
        }
        return new SnapshotReport(started, clock.millis() - started, new ArrayList<>(results.values()), null);
    }

    /** The files of namespaces that had nothing to write (flushed, emptied, gone) are removed. */
    private void removeEmptied(String only, Map<String, SnapshotReport.NamespaceResult> results) {
        List<String> emptied = new ArrayList<>();
        try (DirectoryStream<Path> files = Files.newDirectoryStream(dir, "*" + SnapshotFormat.SUFFIX)) {
            for (Path file : files) {
                String fileName = file.getFileName().toString();
                String name = fileName.substring(0, fileName.length() - SnapshotFormat.SUFFIX.length());
                if ((only == null || only.equals(name)) && !results.containsKey(name)) {
                    emptied.add(name);
                }
            }
        } catch (IOException e) {
            results.put("", new SnapshotReport.NamespaceResult("", SnapshotReport.Status.FAILED, 0, 0, 0,
                    "cannot list " + dir + ": " + Reasons.of(e)));
            return;
        }
        for (String name : emptied) {
            try {
                Files.deleteIfExists(dir.resolve(SnapshotFormat.fileName(name)));
                results.put(name, new SnapshotReport.NamespaceResult(name, SnapshotReport.Status.REMOVED, 0, 0, 0,
                        null));
            } catch (IOException e) {
                results.put(name, new SnapshotReport.NamespaceResult(name, SnapshotReport.Status.FAILED, 0, 0, 0,
                        "cannot remove its file: " + Reasons.of(e)));
            }
        }
        if (!emptied.isEmpty()) {
            try {
                NamespaceFileWriter.syncFolder(dir);
            } catch (IOException e) {
                // the removals happened; a crash may bring a file back, whose items the next snapshot removes again
            }
        }
    }

    private ByteBuffer buffer() {
        ByteBuffer kept = buffers.poll();
        return kept != null ? kept : ByteBuffer.allocateDirect(NamespaceFileWriter.BUFFER_BYTES);
    }

    private static ByteBuffer bufferOf(NamespaceFileWriter writer) {
        return writer.buffer();
    }
}
