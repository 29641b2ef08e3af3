package io.memcluster.server.snapshot;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.util.zip.CRC32C;

/**
 * Reads a snapshot's chunks in file order (each at the next multiple of
 * {@link SnapshotFormat#ALIGNMENT}), never past the content length the header gave, and
 * checksums their headers as they come (the file's content CRC); each payload's own CRC is
 * checked by whoever parses it ({@link Chunk#verify}). A chunk that runs past the content is a
 * {@link SnapshotFormat.Rejection}. Confined to one thread.
 */
final class ChunkReader {

    /** One chunk's payload and what its header said of it. */
    record Chunk(ByteBuffer payload, int items, int crc, boolean pooled) {

        void verify() throws SnapshotFormat.Rejection {
            CRC32C check = new CRC32C();
            check.update(payload.duplicate());
            if ((int) check.getValue() != crc) {
                throw new SnapshotFormat.Rejection("damaged content (a chunk's checksum does not match)");
            }
        }
    }

    private final FileChannel channel;
    private final CRC32C headers = new CRC32C();
    private final ByteBuffer header = ByteBuffer.allocate(SnapshotFormat.CHUNK_HEADER);
    private long position;
    private final long end;
    private long items;

    ChunkReader(FileChannel channel, long contentStart, long contentLength) {
        this.channel = channel;
        this.position = contentStart;
        this.end = contentStart + contentLength;
    }

    boolean hasNext() {
        return position < end;
    }

    /** The CRC of the chunk headers read so far: the header's content CRC once all are read. */
    int headersCrc() {
        return (int) headers.getValue();
    }

    /** Items the chunk headers announced so far. */
    long items() {
        return items;
    }

    /**
     * The next chunk, its payload in {@code pooled} when it fits (a chunk of one large record gets
     * a buffer of its own).
     */
    Chunk next(ByteBuffer pooled) throws IOException, SnapshotFormat.Rejection {
        if (end - position < SnapshotFormat.CHUNK_HEADER) {
            throw new SnapshotFormat.Rejection("damaged content (a chunk header runs past the end)");
        }
        header.clear();
        readFully(header);
        header.flip();
        headers.update(header.array(), 0, SnapshotFormat.CHUNK_HEADER);
        long length = Integer.toUnsignedLong(header.getInt(0));
        int count = header.getInt(4);
        int crc = header.getInt(8);
        if (length > end - position || count <= 0) {
            throw new SnapshotFormat.Rejection("damaged content (a chunk of " + length + " bytes and " + count
                    + " items does not fit the file)");
        }
        boolean fits = pooled != null && length <= pooled.capacity();
        ByteBuffer payload = fits ? pooled.clear().limit((int) length) : ByteBuffer.allocate((int) length);
        readFully(payload);
        payload.flip();
        position = Math.min(end, SnapshotFormat.aligned(position));
        items += count;
        return new Chunk(payload, count, crc, fits);
    }

    private void readFully(ByteBuffer into) throws IOException, SnapshotFormat.Rejection {
        while (into.hasRemaining()) {
            int n = channel.read(into, position);
            if (n < 0) {
                throw new SnapshotFormat.Rejection("truncated while loading");
            }
            position += n;
        }
    }
}
