package io.memcluster.server.snapshot;

import io.memcluster.server.store.Item;
import io.memcluster.server.store.ItemBatch;
import io.memcluster.server.store.RelativeTime;
import java.io.IOException;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.zip.CRC32C;

/**
 * One worker's chunk of one namespace: records go into an aligned buffer, which goes to the
 * namespace's file as a chunk, padded to the alignment, when full (and at the end). A record too
 * large for the buffer is a chunk of its own, written through the same buffer a piece at a time.
 * Records are laid out in a heap array first, then copied to the direct buffer in one go: a copy
 * of a few dozen bytes into direct memory costs more than the whole record in a heap array.
 * Confined to its worker.
 */
final class ChunkWriter {

    /** Large enough that a write call moves a good slice of a disk's bandwidth, small beside a heap. */
    static final int BUFFER_BYTES = 256 * 1024;

    static final int FIRST_CHUNK_BYTES = 16 * 1024;
    private static final byte[] ZEROS = new byte[SnapshotFormat.ALIGNMENT];

    private static final VarHandle SHORT = MethodHandles.byteArrayViewVarHandle(short[].class, ByteOrder.BIG_ENDIAN);
    private static final VarHandle INT = MethodHandles.byteArrayViewVarHandle(int[].class, ByteOrder.BIG_ENDIAN);
    private static final VarHandle LONG = MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.BIG_ENDIAN);

    private final NamespaceFile file;
    private final ByteBuffer buffer;
    /**
     * Records of the chunk being filled, from {@link SnapshotFormat#CHUNK_HEADER} to
     * {@link #filled}; it starts small and doubles at each chunk up to {@link #BUFFER_BYTES}, so a
     * namespace of a few items costs a few kilobytes, not a full buffer per worker.
     */
    private byte[] staging = new byte[FIRST_CHUNK_BYTES];
    private int filled = SnapshotFormat.CHUNK_HEADER;
    private final CRC32C crc = new CRC32C();
    private int items;
    private long memoryBytes;

    /**
     * @param buffer from {@link #newBuffer()}: the worker's, shared by its writers of every
     *               namespace, used only while a chunk is written
     */
    ChunkWriter(NamespaceFile file, ByteBuffer buffer) {
        this.file = file;
        this.buffer = buffer;
    }

    /** A direct buffer of {@link #BUFFER_BYTES} at an aligned address, as O_DIRECT needs. */
    static ByteBuffer newBuffer() {
        return ByteBuffer.allocateDirect(BUFFER_BYTES + SnapshotFormat.ALIGNMENT).alignedSlice(SnapshotFormat.ALIGNMENT)
                .limit(BUFFER_BYTES).slice();
    }

    NamespaceFile file() {
        return file;
    }


    /** Appends item {@code i} of {@code batch}, with the metadata the batch copied under its lock. */
    void append(ItemBatch batch, int i, RelativeTime time) throws IOException {
        Item it = batch.item(i);
        int keyLength = it.keyLength();
        int dataLength = keyLength + it.valueLength();
        int recordLength = SnapshotFormat.RECORD_HEADER + dataLength;
        if (staging.length - filled < recordLength) {
            flush();
            if (staging.length < BUFFER_BYTES) {
                staging = new byte[Math.min(BUFFER_BYTES, Math.max(staging.length * 2,
                        SnapshotFormat.CHUNK_HEADER + recordLength))];
            }
            if (staging.length - filled < recordLength) {
                writeAlone(batch, i, time);
                return;
            }
        }
        byte[] s = staging;
        int at = filled;
        int expiresAt = batch.expiresAt(i);
        s[at] = batch.bits(i);
        SHORT.set(s, at + 1, (short) keyLength);
        INT.set(s, at + 3, it.flags());
        LONG.set(s, at + 7, batch.cas(i));
        INT.set(s, at + 15, it.valueLength());
        INT.set(s, at + 19, expiresAt == 0 ? 0 : (int) time.toUnix(expiresAt));
        INT.set(s, at + 23, (int) time.toUnix(batch.lastAccess(i)));
        System.arraycopy(it.data(), 0, s, at + SnapshotFormat.RECORD_HEADER, dataLength);
        filled = at + recordLength;
        items++;
        memoryBytes += it.accountedSize();
    }

    /** Writes what the buffer holds as a chunk; nothing when it holds no record. */
    void flush() throws IOException {
        if (items == 0) {
            return;
        }
        int payloadLength = filled - SnapshotFormat.CHUNK_HEADER;
        crc.reset();
        crc.update(staging, SnapshotFormat.CHUNK_HEADER, payloadLength);
        INT.set(staging, 0, payloadLength);
        INT.set(staging, 4, items);
        INT.set(staging, 8, (int) crc.getValue());
        buffer.clear();
        buffer.put(staging, 0, filled);
        pad();
        buffer.flip();
        long position = file.reserve(buffer.remaining(), buffer);
        file.write(buffer, position);
        file.counted(items, memoryBytes);
        buffer.clear();
        filled = SnapshotFormat.CHUNK_HEADER;
        items = 0;
        memoryBytes = 0;
    }

    /** A record larger than the buffer: its chunk is reserved whole, then written a buffer at a time. */
    private void writeAlone(ItemBatch batch, int i, RelativeTime time) throws IOException {
        Item it = batch.item(i);
        byte[] data = it.data();
        int dataLength = data.length;
        long payloadLength = SnapshotFormat.RECORD_HEADER + (long) dataLength;
        ByteBuffer start = ByteBuffer.allocate(SnapshotFormat.RECORD_HEADER);
        recordHeader(start, batch, i, time);
        crc.reset();
        crc.update(start.array());
        crc.update(data, 0, dataLength);
        buffer.clear();
        buffer.putInt((int) payloadLength).putInt(1).putInt((int) crc.getValue()).put(start.array());
        long length = SnapshotFormat.aligned(SnapshotFormat.CHUNK_HEADER + payloadLength);
        long position = file.reserve(length, buffer.duplicate().flip());
        long at = position;
        int from = 0;
        while (true) {
            int chunk = Math.min(dataLength - from, buffer.remaining());
            buffer.put(data, from, chunk);
            from += chunk;
            if (from == dataLength) {
                break;
            }
            buffer.flip();
            file.write(buffer, at);
            at += BUFFER_BYTES;
            buffer.clear();
        }
        pad();
        buffer.flip();
        file.write(buffer, at);
        file.counted(1, it.accountedSize());
        buffer.clear();
    }

    /** Zeros up to the next multiple of the alignment: the buffer is reused, so they must be written. */
    private void pad() {
        int padded = (int) SnapshotFormat.aligned(buffer.position());
        buffer.put(ZEROS, 0, padded - buffer.position());
    }

    private static void recordHeader(ByteBuffer out, ItemBatch batch, int i, RelativeTime time) {
        Item it = batch.item(i);
        int expiresAt = batch.expiresAt(i);
        out.put(batch.bits(i))
                .putShort((short) it.keyLength())
                .putInt(it.flags())
                .putLong(batch.cas(i))
                .putInt(it.valueLength())
                .putInt(expiresAt == 0 ? 0 : (int) time.toUnix(expiresAt))
                .putInt((int) time.toUnix(batch.lastAccess(i)));
    }
}
