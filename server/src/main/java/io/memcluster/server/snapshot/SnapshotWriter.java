package io.memcluster.server.snapshot;

import io.memcluster.server.store.ItemBatch;
import io.memcluster.server.store.Namespace;
import io.memcluster.server.store.RelativeTime;
import io.memcluster.server.store.Store;
import io.memcluster.server.store.VersionCut;
import io.memcluster.time.Clock;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.Executor;

/**
 * One pass over the store that writes every namespace's file at once. Each of {@code parts}
 * workers walks its share of the segments a few hundred items per segment lock (see
 * {@link Store#scanLive(Store.Scan, ItemBatch)}), so clients wait microseconds, not the length of
 * the snapshot, and puts each item into its own chunk of the item's namespace
 * ({@link ChunkWriter}); a full chunk goes to the namespace's file ({@link NamespaceFile}) at the
 * next free region. Nothing but the batches, a buffer per worker and a chunk per worker and
 * namespace is held: no fork and no copy of the data. An item stored while the pass runs is in this snapshot or the
 * next, and each file's watermark says which versions it vouches for ({@link VersionCut}). One
 * pass at a time (the snapshot thread calls it).
 */
final class SnapshotWriter {

    static final int ITEMS_PER_LOCK = 256;

    private final Store store;
    private final Path dir;
    private final Clock clock;
    private final Executor helpers;
    private final int parts;
    /**
     * The namespaces whose files this node loaded or wrote: only theirs are removed when they
     * hold nothing. A file the node never loaded (its folder could not be listed at start, or it
     * appeared since) is not the node's to delete for want of items.
     */
    private final java.util.Set<String> known = ConcurrentHashMap.newKeySet();
    /** Direct buffers kept from run to run, one per worker (and one for the headers). */
    private final ConcurrentLinkedQueue<ByteBuffer> buffers = new ConcurrentLinkedQueue<>();

    /**
     * @param helpers runs the workers beyond the first, which runs on the caller's thread
     * @param parts   workers, each walking 1/parts of the segments
     */
    SnapshotWriter(Store store, Path dir, Clock clock, Executor helpers, int parts) {
        this.store = store;
        this.dir = dir;
        this.clock = clock;
        this.helpers = helpers;
        this.parts = parts;
    }

    /** Namespace {@code name}'s file was loaded at start: this node may remove it once the namespace is empty. */
    void known(String name) {
        known.add(name);
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
        Map<String, NamespaceFile> files = new ConcurrentHashMap<>();
        Map<String, String> failures = new ConcurrentHashMap<>();
        VersionCut cut = store.openCut();
        try {
            List<CompletableFuture<Void>> others = new ArrayList<>();
            for (int part = 1; part < parts; part++) {
                int mine = part;
                others.add(CompletableFuture.runAsync(() -> walk(mine, only, files, failures), helpers));
            }
            walk(0, only, files, failures);
            for (CompletableFuture<Void> other : others) {
                other.join();
            }
        } finally {
            store.closeCut(cut);
        }
        Map<String, SnapshotReport.NamespaceResult> results = new TreeMap<>();
        for (NamespaceFile file : files.values()) {
            String name = file.namespace();
            if (file.failure() != null) {
                file.abandon();
                failures.put(name, file.failure());
                continue;
            }
            long watermark = cut.watermark(name);
            try {
                ByteBuffer header = buffer();
                long bytes;
                try {
                    bytes = file.commit(watermark, started, header);
                } finally {
                    buffers.add(header);
                }
                results.put(name, new SnapshotReport.NamespaceResult(name, SnapshotReport.Status.WRITTEN,
                        file.items(), bytes, watermark, null));
                known.add(name);
            } catch (IOException | RuntimeException e) {
                file.abandon();
                failures.put(name, Reasons.of(e));
            }
        }
        failures.forEach((name, reason) -> results.put(name,
                new SnapshotReport.NamespaceResult(name, SnapshotReport.Status.FAILED, 0, 0, 0, reason)));
        removeEmptied(only, results, false);
        return new SnapshotReport(started, clock.millis() - started, new ArrayList<>(results.values()), null);
    }

    /** One worker's share: segments {@code part}, {@code part + parts}, ... */
    private void walk(int part, String only, Map<String, NamespaceFile> files, Map<String, String> failures) {
        ItemBatch batch = new ItemBatch(ITEMS_PER_LOCK);
        Map<String, ChunkWriter> writers = new HashMap<>();
        ByteBuffer direct = buffer();
        Store.Scan scan = store.newScan(part, parts);
        boolean more = true;
        // items come in runs of one namespace: the last one's writer saves a map lookup per item
        Namespace lastNamespace = null;
        ChunkWriter writer = null;
        RelativeTime time = store.time();
        while (more) {
            more = store.scanLive(scan, batch);
            for (int i = 0; i < batch.size(); i++) {
                Namespace ns = batch.item(i).namespace();
                if (ns != lastNamespace) {
                    lastNamespace = ns;
                    writer = writerOf(ns.name(), only, writers, files, failures, direct);
                }
                if (writer == null || writer.file().failure() != null) {
                    continue;
                }
                try {
                    writer.append(batch, i, time);
                } catch (IOException | RuntimeException e) {
                    writer.file().fail(Reasons.of(e));
                }
            }
        }
        batch.clear();
        for (ChunkWriter last : writers.values()) {
            try {
                if (last.file().failure() == null) {
                    last.flush();
                }
            } catch (IOException | RuntimeException e) {
                last.file().fail(Reasons.of(e));
            }
        }
        buffers.add(direct);
    }

    /** This worker's writer of namespace {@code name}; null when it is not written (another's only, or failed). */
    private ChunkWriter writerOf(String name, String only, Map<String, ChunkWriter> writers,
            Map<String, NamespaceFile> files, Map<String, String> failures, ByteBuffer direct) {
        if (only != null && !only.equals(name)) {
            return null;
        }
        ChunkWriter writer = writers.get(name);
        if (writer == null) {
            NamespaceFile file = open(name, files, failures);
            if (file == null) {
                return null;
            }
            writer = new ChunkWriter(file, direct);
            writers.put(name, writer);
        }
        return writer;
    }

    /** The namespace's file, opened by the first worker that needs it; null when it cannot be. */
    private NamespaceFile open(String name, Map<String, NamespaceFile> files, Map<String, String> failures) {
        if (failures.containsKey(name)) {
            return null;
        }
        try {
            return files.computeIfAbsent(name, n -> {
                try {
                    return new NamespaceFile(dir, n);
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            });
        } catch (UncheckedIOException e) {
            failures.putIfAbsent(name, Reasons.of(e.getCause()));
            return null;
        }
    }

    /** Removes the file of {@code only} (every file when null) without writing any. */
    SnapshotReport forget(String only) {
        long started = clock.millis();
        Map<String, SnapshotReport.NamespaceResult> results = new TreeMap<>();
        if (Files.isDirectory(dir)) {
            removeEmptied(only, results, true);
        }
        return new SnapshotReport(started, clock.millis() - started, new ArrayList<>(results.values()), null);
    }

    /**
     * The files of namespaces that had nothing to write (flushed, emptied, gone) are removed: those
     * of {@link #known} namespaces, or with {@code flushed} every one that {@code only} names.
     */
    private void removeEmptied(String only, Map<String, SnapshotReport.NamespaceResult> results, boolean flushed) {
        List<String> emptied = new ArrayList<>();
        try (DirectoryStream<Path> listing = Files.newDirectoryStream(dir, "*" + SnapshotFormat.SUFFIX)) {
            for (Path file : listing) {
                String fileName = file.getFileName().toString();
                String name = fileName.substring(0, fileName.length() - SnapshotFormat.SUFFIX.length());
                if ((only == null || only.equals(name)) && !results.containsKey(name)
                        && (flushed || known.contains(name))) {
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
                known.remove(name);
            } catch (IOException e) {
                results.put(name, new SnapshotReport.NamespaceResult(name, SnapshotReport.Status.FAILED, 0, 0, 0,
                        "cannot remove its file: " + Reasons.of(e)));
            }
        }
        if (!emptied.isEmpty()) {
            try {
                NamespaceFile.syncFolder(dir);
            } catch (IOException e) {
                // the removals happened; a crash may bring a file back, whose items the next snapshot removes again
            }
        }
    }

    private ByteBuffer buffer() {
        ByteBuffer kept = buffers.poll();
        return kept != null ? kept : ChunkWriter.newBuffer();
    }
}
