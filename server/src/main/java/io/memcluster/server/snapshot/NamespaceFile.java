package io.memcluster.server.snapshot;

import com.sun.nio.file.ExtendedOpenOption;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import java.util.zip.CRC32C;

/**
 * One namespace's file while a snapshot writes it: a temp file that the snapshot's workers fill
 * with chunks at once, each reserving the next aligned region for its chunk; then the header last,
 * fsync, an atomic rename over the previous file and an fsync of the folder, so that a crash at
 * any moment leaves the previous file or this one, whole. Until {@link #commit} nothing replaces
 * the previous file; {@link #abandon} deletes the temp file. Thread-safe.
 *
 * <p>Written with O_DIRECT where the filesystem takes it (see {@link SnapshotFormat}): the data
 * goes from the chunk buffers to the disk, not through gigabytes of dirty page cache that the
 * kernel then throttles. Every region written is aligned and a multiple of
 * {@link SnapshotFormat#ALIGNMENT}, so the buffered fallback writes the same bytes.
 */
final class NamespaceFile {

    /** Buffered fallback only: dirty pages flushed as they pile up, by the worker that passes the mark. */
    static final long FORCE_EVERY_BYTES = 64L << 20;

    private record Chunk(long position, byte[] header) {
    }

    private final String namespace;
    private final Path dir;
    private final Path temp;
    private final FileChannel channel;
    private final boolean direct;
    private final AtomicLong end = new AtomicLong(SnapshotFormat.ALIGNMENT);
    private final AtomicLong items = new AtomicLong();
    private final AtomicLong memoryBytes = new AtomicLong();
    private final AtomicLong forcedUpTo = new AtomicLong(SnapshotFormat.ALIGNMENT);
    private final List<Chunk> chunks = new ArrayList<>();
    private volatile String failure;

    NamespaceFile(Path dir, String namespace) throws IOException {
        this.namespace = namespace;
        this.dir = dir;
        this.temp = dir.resolve(namespace + SnapshotFormat.TEMP_SUFFIX);
        FileChannel opened = null;
        if (directWorks(dir)) {
            try {
                opened = FileChannel.open(temp, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
                        StandardOpenOption.TRUNCATE_EXISTING, ExtendedOpenOption.DIRECT);
            } catch (IOException | UnsupportedOperationException e) {
                // a filesystem without O_DIRECT (tmpfs on older kernels): through the page cache
            }
        }
        this.direct = opened != null;
        this.channel = opened != null ? opened : FileChannel.open(temp, StandardOpenOption.CREATE,
                StandardOpenOption.WRITE, StandardOpenOption.TRUNCATE_EXISTING);
    }

    private static boolean directWorks(Path dir) {
        try {
            long block = Files.getFileStore(dir).getBlockSize();
            return block > 0 && SnapshotFormat.ALIGNMENT % block == 0;
        } catch (IOException | UnsupportedOperationException e) {
            return false;
        }
    }

    String namespace() {
        return namespace;
    }

    long items() {
        return items.get();
    }

    /** Why a worker could not write to it; null while it can. */
    String failure() {
        return failure;
    }

    void fail(String reason) {
        if (failure == null) {
            failure = reason;
        }
    }

    /**
     * Reserves the next {@code length} bytes (a multiple of {@link SnapshotFormat#ALIGNMENT}) for a
     * chunk whose header is {@code header}; returns where they start.
     */
    long reserve(long length, ByteBuffer header) {
        long position = end.getAndAdd(length);
        byte[] copy = new byte[SnapshotFormat.CHUNK_HEADER];
        header.get(header.position(), copy);
        synchronized (chunks) {
            chunks.add(new Chunk(position, copy));
        }
        return position;
    }

    /** Writes {@code part} (aligned, a multiple of the alignment long) at {@code position}. */
    void write(ByteBuffer part, long position) throws IOException {
        long at = position;
        while (part.hasRemaining()) {
            at += channel.write(part, at);
        }
        if (!direct) {
            long forced = forcedUpTo.get();
            if (at - forced >= FORCE_EVERY_BYTES && forcedUpTo.compareAndSet(forced, at)) {
                channel.force(false);
            }
        }
    }

    /** A chunk of {@code chunkItems} items taking {@code chunkMemory} bytes in memory is written. */
    void counted(long chunkItems, long chunkMemory) {
        items.addAndGet(chunkItems);
        memoryBytes.addAndGet(chunkMemory);
    }

    /**
     * Finishes the file and puts it in place of the namespace's previous one.
     *
     * @param headerBuffer an aligned buffer of at least {@link SnapshotFormat#ALIGNMENT} bytes
     * @return the file's size in bytes
     */
    long commit(long watermark, long writtenAtMillis, ByteBuffer headerBuffer) throws IOException {
        CRC32C crc = new CRC32C();
        synchronized (chunks) {
            chunks.sort((a, b) -> Long.compare(a.position(), b.position()));
            for (Chunk chunk : chunks) {
                crc.update(chunk.header());
            }
        }
        long size = end.get();
        ByteBuffer header = new SnapshotFormat.Header(SnapshotFormat.VERSION, namespace, writtenAtMillis,
                items.get(), size - SnapshotFormat.ALIGNMENT, memoryBytes.get(), watermark, (int) crc.getValue())
                .encode();
        headerBuffer.clear();
        headerBuffer.put(header);
        while (headerBuffer.position() < SnapshotFormat.ALIGNMENT) {
            headerBuffer.put((byte) 0);
        }
        headerBuffer.flip();
        write(headerBuffer, 0);
        channel.force(true);
        channel.close();
        Files.move(temp, dir.resolve(SnapshotFormat.fileName(namespace)), StandardCopyOption.ATOMIC_MOVE,
                StandardCopyOption.REPLACE_EXISTING);
        syncFolder(dir);
        return size;
    }

    /** Gives up on this file: the previous one stays. */
    void abandon() {
        try {
            channel.close();
        } catch (IOException e) {
            // closing a file we are deleting
        }
        try {
            Files.deleteIfExists(temp);
        } catch (IOException e) {
            // a temp file left over is deleted at the next start
        }
    }

    /** Makes a rename or a removal in {@code dir} durable. */
    static void syncFolder(Path dir) throws IOException {
        try (FileChannel folder = FileChannel.open(dir, StandardOpenOption.READ)) {
            folder.force(true);
        }
    }
}
