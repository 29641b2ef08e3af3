package io.memcluster.server.snapshot;

import io.memcluster.server.store.Item;
import io.memcluster.server.store.ItemBatch;
import io.memcluster.server.store.RelativeTime;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.zip.CRC32C;

/**
 * Writes one namespace's file: records into a buffer that goes to a temp file as it fills, the
 * header last, then fsync, an atomic rename over the previous file and an fsync of the folder,
 * so that a crash at any moment leaves the previous file or this one, whole. Until
 * {@link #commit} nothing replaces the previous file; {@link #abandon} deletes the temp file.
 */
final class NamespaceFileWriter implements AutoCloseable {

    /** Large enough that a write call moves a good slice of a disk's bandwidth, small beside a heap. */
    static final int BUFFER_BYTES = 256 * 1024;

    private final String namespace;
    private final Path dir;
    private final Path temp;
    private final FileChannel channel;
    private final ByteBuffer buffer;
    private final CRC32C crc = new CRC32C();
    private final int headerLength;
    private long position;
    private long items;
    private long memoryBytes;

    NamespaceFileWriter(Path dir, String namespace, ByteBuffer buffer) throws IOException {
        this.namespace = namespace;
        this.dir = dir;
        this.temp = dir.resolve(namespace + SnapshotFormat.TEMP_SUFFIX);
        this.buffer = buffer.clear();
        this.headerLength = SnapshotFormat.headerLength(namespace);
        this.channel = FileChannel.open(temp, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
                StandardOpenOption.TRUNCATE_EXISTING);
        this.position = headerLength;
    }

    String namespace() {
        return namespace;
    }

    long items() {
        return items;
    }

    /** Its buffer, for the next file once this one is committed or abandoned. */
    ByteBuffer buffer() {
        return buffer;
    }

    /** Appends item {@code i} of {@code batch}, with the metadata the batch copied under its lock. */
    void append(ItemBatch batch, int i, RelativeTime time) throws IOException {
        Item it = batch.item(i);
        int keyLength = it.keyLength();
        int valueLength = it.valueLength();
        if (buffer.remaining() < SnapshotFormat.RECORD_HEADER + keyLength) {
            flush();
        }
        int expiresAt = batch.expiresAt(i);
        buffer.put(batch.bits(i))
                .putShort((short) keyLength)
                .putInt(it.flags())
                .putLong(batch.cas(i))
                .putInt(valueLength)
                .putInt(expiresAt == 0 ? 0 : (int) time.toUnix(expiresAt))
                .putInt((int) time.toUnix(batch.lastAccess(i)))
                .put(it.data(), 0, keyLength);
        byte[] data = it.data();
        int from = it.valueOffset();
        int left = valueLength;
        while (left > 0) {
            if (!buffer.hasRemaining()) {
                flush();
            }
            int chunk = Math.min(left, buffer.remaining());
            buffer.put(data, from, chunk);
            from += chunk;
            left -= chunk;
        }
        items++;
        memoryBytes += it.accountedSize();
    }

    /**
     * Finishes the file and puts it in place of the namespace's previous one.
     *
     * @return the file's size in bytes
     */
    long commit(long watermark, long writtenAtMillis) throws IOException {
        flush();
        long contentLength = position - headerLength;
        ByteBuffer header = new SnapshotFormat.Header(SnapshotFormat.VERSION, namespace, writtenAtMillis, items,
                contentLength, memoryBytes, watermark, (int) crc.getValue()).encode();
        while (header.hasRemaining()) {
            channel.write(header, header.position());
        }
        channel.force(true);
        channel.close();
        Files.move(temp, dir.resolve(SnapshotFormat.fileName(namespace)), StandardCopyOption.ATOMIC_MOVE,
                StandardCopyOption.REPLACE_EXISTING);
        syncFolder(dir);
        return position;
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

    @Override
    public void close() {
        if (channel.isOpen()) {
            abandon();
        }
    }

    /** Makes a rename or a removal in {@code dir} durable. */
    static void syncFolder(Path dir) throws IOException {
        try (FileChannel folder = FileChannel.open(dir, StandardOpenOption.READ)) {
            folder.force(true);
        }
    }

    private void flush() throws IOException {
        buffer.flip();
        crc.update(buffer.duplicate());
        while (buffer.hasRemaining()) {
            position += channel.write(buffer, position);
        }
        buffer.clear();
    }
}
