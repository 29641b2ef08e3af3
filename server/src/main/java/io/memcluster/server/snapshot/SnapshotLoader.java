package io.memcluster.server.snapshot;

import io.memcluster.auth.Namespaces;
import io.memcluster.server.store.Item;
import io.memcluster.server.store.Namespace;
import io.memcluster.server.store.RestoreBatch;
import io.memcluster.server.store.Store;
import io.memcluster.time.Clock;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.Executor;
import java.util.concurrent.Semaphore;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.atomic.LongAdder;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Loads a node's snapshot files into its empty store before it serves: each file's header is
 * checked first (format version, checksum, size against the file's), the tables are sized once
 * for every item, then each file streams into the store, items that expired meanwhile left out.
 * A file that fails any check is moved to {@code rejected/} with one log line saying why, and
 * whatever it had loaded is removed again. When the files hold more than the memory limit (or a
 * namespace's quota) allows, the most recently used items are loaded and the rest dropped, by a
 * first pass that reads only the records' headers ({@link RecencyCutoff}).
 */
final class SnapshotLoader {

    private static final Logger log = LoggerFactory.getLogger(SnapshotLoader.class);

    private final Store store;
    private final Path dir;
    private final Clock clock;
    private final Executor workers;
    private final int parallelism;
    private final ConcurrentLinkedQueue<ByteBuffer> buffers = new ConcurrentLinkedQueue<>();
    /** One per loading thread, reused from chunk to chunk. */
    private final ThreadLocal<RestoreBatch> batches = ThreadLocal.withInitial(RestoreBatch::new);

    /**
     * @param workers     parse and store chunks while this thread reads the next ones
     * @param parallelism chunks parsed at once; 1 parses on the reading thread
     */
    SnapshotLoader(Store store, Path dir, Clock clock, Executor workers, int parallelism) {
        this.store = store;
        this.dir = dir;
        this.clock = clock;
        this.workers = workers;
        this.parallelism = parallelism;
    }

    private record Candidate(Path file, SnapshotFormat.Header header) {
    }

    LoadReport load() {
        if (!Files.isDirectory(dir)) {
            return LoadReport.NOTHING;
        }
        long started = System.nanoTime();
        List<LoadReport.Rejected> rejected = new ArrayList<>();
        List<Candidate> candidates = new ArrayList<>();
        for (Path file : files(rejected)) {
            try {
                candidates.add(new Candidate(file, checkedHeader(file)));
            } catch (SnapshotFormat.Rejection e) {
                rejected.add(reject(file, e.getMessage()));
            } catch (IOException e) {
                rejected.add(reject(file, "cannot be read: " + Reasons.of(e)));
            }
        }
        RecencyCutoff cutoff = RecencyCutoff.NONE;
        if (needsCutoff(candidates)) {
            cutoff = planCutoff(candidates, rejected);
        }
        store.presize(candidates.stream().mapToLong(c -> c.header().items()).sum());
        List<LoadReport.Loaded> loaded = new ArrayList<>();
        for (Candidate candidate : candidates) {
            try {
                loaded.add(loadFile(candidate, cutoff));
            } catch (SnapshotFormat.Rejection e) {
                unload(candidate);
                rejected.add(reject(candidate.file(), e.getMessage()));
            } catch (IOException | RuntimeException e) {
                unload(candidate);
                rejected.add(reject(candidate.file(), "cannot be read: " + Reasons.of(e)));
            }
        }
        LoadReport report = new LoadReport(loaded, rejected, (System.nanoTime() - started) / 1_000_000);
        if (!loaded.isEmpty() || !rejected.isEmpty()) {
            log.info("snapshots loaded: {} namespaces, {} items, {} bytes in {} s{}{}", loaded.size(), report.items(),
                    report.bytes(), seconds(report.millis()),
                    report.dropped() > 0 ? ", " + report.dropped() + " least recently used items dropped for memory"
                            : "",
                    rejected.isEmpty() ? "" : ", " + rejected.size() + " files rejected");
        }
        return report;
    }

    /** The {@code .snap} files in name order; leftover temp files of an interrupted snapshot are deleted. */
    private List<Path> files(List<LoadReport.Rejected> rejected) {
        List<Path> files = new ArrayList<>();
        try (DirectoryStream<Path> listing = Files.newDirectoryStream(dir)) {
            for (Path file : listing) {
                String name = file.getFileName().toString();
                if (name.endsWith(SnapshotFormat.TEMP_SUFFIX)) {
                    removeTemp(file);
                } else if (name.endsWith(SnapshotFormat.SUFFIX) && Files.isRegularFile(file)) {
                    files.add(file);
                }
            }
        } catch (IOException e) {
            log.warn("cannot list snapshot folder {}: {}; starting empty", dir, Reasons.of(e));
            rejected.add(new LoadReport.Rejected(dir.toString(), "cannot list: " + Reasons.of(e), null));
        }
        files.sort(null);
        return files;
    }

    /** One temp file that cannot be deleted must not cost the other files their load. */
    private static void removeTemp(Path file) {
        try {
            Files.deleteIfExists(file);
            log.info("removed {}, left by a snapshot that did not finish", file);
        } catch (IOException e) {
            log.warn("cannot remove {}, left by a snapshot that did not finish: {}", file, Reasons.of(e));
        }
    }

    /** See {@link Snapshots#bytesToLoad}. */
    static long bytesToLoad(Path dir) {
        long total = 0;
        if (!Files.isDirectory(dir)) {
            return 0;
        }
        try (DirectoryStream<Path> listing = Files.newDirectoryStream(dir, "*" + SnapshotFormat.SUFFIX)) {
            for (Path file : listing) {
                try {
                    total += checkedHeader(file).memoryBytes();
                } catch (IOException | SnapshotFormat.Rejection | RuntimeException e) {
                    // the load rejects it, with its reason
                }
            }
        } catch (IOException e) {
            return total;
        }
        return total;
    }

    private static SnapshotFormat.Header checkedHeader(Path file) throws IOException, SnapshotFormat.Rejection {
        String fileName = file.getFileName().toString();
        String expected = fileName.substring(0, fileName.length() - SnapshotFormat.SUFFIX.length());
        if (!Namespaces.isValidName(expected)) {
            throw new SnapshotFormat.Rejection("the file name names no namespace (expected <namespace>"
                    + SnapshotFormat.SUFFIX + ")");
        }
        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.READ)) {
            long size = channel.size();
            ByteBuffer start = ByteBuffer.allocate((int) Math.min(size, SnapshotFormat.headerLength(expected) + 64L));
            while (start.hasRemaining() && channel.read(start) >= 0) {
                // until the start is read or the file ends
            }
            start.flip();
            SnapshotFormat.Header header = SnapshotFormat.read(start);
            if (header == null || !header.namespace().equals(expected)) {
                throw new SnapshotFormat.Rejection("holds another namespace than its name says");
            }
            long expectedSize = SnapshotFormat.ALIGNMENT + header.contentLength();
            if (size < expectedSize) {
                throw new SnapshotFormat.Rejection("truncated: " + size + " of " + expectedSize + " bytes");
            }
            if (size > expectedSize) {
                throw new SnapshotFormat.Rejection("damaged: " + (size - expectedSize)
                        + " bytes beyond its content");
            }
            if (header.items() < 0 || header.contentLength() < header.items() * SnapshotFormat.RECORD_HEADER) {
                throw new SnapshotFormat.Rejection("damaged header (more items than its content can hold)");
            }
            return header;
        }
    }

    private boolean needsCutoff(List<Candidate> candidates) {
        long total = 0;
        for (Candidate c : candidates) {
            total += c.header().memoryBytes();
            Namespace ns = store.namespace(c.header().namespace());
            if (ns != null && ns.hasQuota() && c.header().memoryBytes() > ns.quota()) {
                return true;
            }
        }
        return total > store.memoryLimit() - store.bytesUsed();
    }

    /** The first pass: which items are recent enough to fit, by namespace quota and by the store's limit. */
    private RecencyCutoff planCutoff(List<Candidate> candidates, List<LoadReport.Rejected> rejected) {
        Map<String, TreeMap<Long, Long>> bytesByAccess = new TreeMap<>();
        long now = clock.seconds();
        for (Candidate candidate : new ArrayList<>(candidates)) {
            TreeMap<Long, Long> histogram = new TreeMap<>();
            try (FileChannel channel = FileChannel.open(candidate.file(), StandardOpenOption.READ)) {
                SnapshotFormat.Header h = candidate.header();
                ChunkReader reader = new ChunkReader(channel, SnapshotFormat.ALIGNMENT, h.contentLength());
                ByteBuffer pooled = buffer();
                while (reader.hasNext()) {
                    ChunkReader.Chunk chunk = reader.next(pooled);
                    chunk.verify();
                    ByteBuffer b = chunk.payload();
                    for (int i = 0; i < chunk.items(); i++) {
                        Record r = Record.read(b);
                        if (r.expires() == 0 || r.expires() > now) {
                            histogram.merge(r.lastAccess(), r.size() + Item.OVERHEAD, Long::sum);
                        }
                        b.position(b.position() + (int) r.size());
                    }
                }
                buffers.add(pooled);
                bytesByAccess.put(h.namespace(), histogram);
            } catch (SnapshotFormat.Rejection e) {
                candidates.remove(candidate);
                rejected.add(reject(candidate.file(), e.getMessage()));
            } catch (IOException e) {
                candidates.remove(candidate);
                rejected.add(reject(candidate.file(), "cannot be read: " + Reasons.of(e)));
            }
        }
        Map<String, Long> quotas = new TreeMap<>();
        for (String name : bytesByAccess.keySet()) {
            Namespace ns = store.namespace(name);
            if (ns != null && ns.hasQuota()) {
                quotas.put(name, ns.quota() - ns.bytes());
            }
        }
        return RecencyCutoff.plan(bytesByAccess, quotas, store.memoryLimit() - store.bytesUsed());
    }

    private LoadReport.Loaded loadFile(Candidate candidate, RecencyCutoff cutoff)
            throws IOException, SnapshotFormat.Rejection {
        long started = System.nanoTime();
        SnapshotFormat.Header h = candidate.header();
        Counts counts = new Counts(clock.seconds(), cutoff.admission(h.namespace()));
        AtomicReference<Exception> failure = new AtomicReference<>();
        int permits = parallelism * 2;
        Semaphore inFlight = new Semaphore(permits);
        try (FileChannel channel = FileChannel.open(candidate.file(), StandardOpenOption.READ)) {
            ChunkReader reader = new ChunkReader(channel, SnapshotFormat.ALIGNMENT, h.contentLength());
            try {
                while (reader.hasNext() && failure.get() == null) {
                    ByteBuffer pooled = buffer();
                    ChunkReader.Chunk chunk = reader.next(pooled);
                    if (!chunk.pooled()) {
                        buffers.add(pooled);
                    }
                    if (parallelism == 1) {
                        loadChunk(chunk, counts);
                        release(chunk);
                        continue;
                    }
                    acquire(inFlight, 1);
                    workers.execute(() -> {
                        try {
                            loadChunk(chunk, counts);
                        } catch (SnapshotFormat.Rejection | RuntimeException e) {
                            failure.compareAndSet(null, e);
                        } finally {
                            release(chunk);
                            inFlight.release();
                        }
                    });
                }
            } finally {
                // every chunk handed out is stored before a failure takes the namespace out again
                acquire(inFlight, permits);
            }
            Exception failed = failure.get();
            if (failed instanceof SnapshotFormat.Rejection rejection) {
                throw rejection;
            }
            if (failed != null) {
                throw (RuntimeException) failed;
            }
            if (reader.items() != h.items()) {
                throw new SnapshotFormat.Rejection("damaged content (" + reader.items() + " items where the header"
                        + " says " + h.items() + ")");
            }
            if (reader.headersCrc() != h.contentCrc()) {
                throw new SnapshotFormat.Rejection("damaged content (checksum mismatch)");
            }
        }
        long millis = (System.nanoTime() - started) / 1_000_000;
        long bytes = SnapshotFormat.ALIGNMENT + h.contentLength();
        long loaded = counts.loaded.sum();
        long expired = counts.expired.sum();
        long dropped = counts.dropped.sum();
        log.info("snapshot of namespace {} loaded: {} items, {} bytes in {} s{}{}", h.namespace(), loaded, bytes,
                seconds(millis), expired > 0 ? ", " + expired + " expired while down" : "",
                dropped > 0 ? ", " + dropped + " dropped for memory (least recently used)" : "");
        return new LoadReport.Loaded(h.namespace(), loaded, expired, dropped, bytes, millis, h.watermark(),
                h.writtenAtMillis());
    }

    /** What a file's chunks did, counted by the workers that load them. */
    private static final class Counts {
        final long now;
        final RecencyCutoff.Admission admission;
        final LongAdder loaded = new LongAdder();
        final LongAdder expired = new LongAdder();
        final LongAdder dropped = new LongAdder();

        Counts(long now, RecencyCutoff.Admission admission) {
            this.now = now;
            this.admission = admission;
        }
    }

    /** Checks one chunk and puts its items into the store, together (see {@link Store#restore(RestoreBatch)}). */
    private void loadChunk(ChunkReader.Chunk chunk, Counts counts) throws SnapshotFormat.Rejection {
        chunk.verify();
        ByteBuffer b = chunk.payload();
        RestoreBatch batch = batches.get();
        batch.clear();
        long expired = 0;
        long dropped = 0;
        for (int i = 0; i < chunk.items(); i++) {
            Record r = Record.read(b);
            int size = (int) r.size();
            if (r.expires() != 0 && r.expires() <= counts.now) {
                b.position(b.position() + size);
                expired++;
                continue;
            }
            if (!counts.admission.admits(r.lastAccess(), size + Item.OVERHEAD)) {
                b.position(b.position() + size);
                dropped++;
                continue;
            }
            byte[] data = new byte[size];
            b.get(data);
            batch.add(data, r.keyLength(), r.flags(), r.cas(), r.expires(), r.lastAccess(), r.bits());
        }
        if (b.hasRemaining()) {
            throw new SnapshotFormat.Rejection("damaged content (a chunk holds more than its items)");
        }
        store.restore(batch);
        counts.loaded.add(batch.restored());
        counts.expired.add(expired + batch.expired());
        counts.dropped.add(dropped + batch.noRoom());
        batch.clear();
    }

    private void release(ChunkReader.Chunk chunk) {
        if (chunk.pooled()) {
            buffers.add(chunk.payload());
        }
    }

    private ByteBuffer buffer() {
        ByteBuffer kept = buffers.poll();
        // a heap buffer: the records' small copies out of it are cheaper than out of direct memory
        return kept != null ? kept : ByteBuffer.allocate(ChunkWriter.BUFFER_BYTES);
    }

    private static void acquire(Semaphore semaphore, int permits) throws IOException {
        try {
            semaphore.acquire(permits);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new java.io.InterruptedIOException("interrupted while loading snapshots");
        }
    }

    /** Takes back what a file that failed half-way had put in the store. */
    private void unload(Candidate candidate) {
        store.flushNamespace(candidate.header().namespace());
    }

    private LoadReport.Rejected reject(Path file, String reason) {
        Path aside = dir.resolve(SnapshotFormat.REJECTED).resolve(file.getFileName() + "." + clock.millis());
        try {
            Files.createDirectories(aside.getParent());
            Files.move(file, aside, StandardCopyOption.ATOMIC_MOVE);
            log.warn("snapshot file {} rejected: {}; moved to {}, starting without it", file, reason, aside);
            return new LoadReport.Rejected(file.getFileName().toString(), reason, aside.toString());
        } catch (IOException e) {
            log.warn("snapshot file {} rejected: {}; it could not be moved aside ({}), starting without it", file,
                    reason, Reasons.of(e));
            return new LoadReport.Rejected(file.getFileName().toString(), reason, null);
        }
    }

    private static String seconds(long millis) {
        return String.format(java.util.Locale.ROOT, "%.2f", millis / 1000.0);
    }
}
