package io.memcluster.server.snapshot;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.util.zip.CRC32C;

/**
 * Reads a snapshot's content sequentially through one buffer, checksumming every byte as it
 * comes in, and never past the content length the header gave: a record that runs beyond it, or
 * a file that ends first, is a {@link SnapshotFormat.Rejection}.
 */
final class SnapshotInput {

    private final FileChannel channel;
    private final ByteBuffer buffer;
    private final CRC32C crc = new CRC32C();
    private long filePosition;
    private long unread;

    /** @param buffer reused; its contents are overwritten */
    SnapshotInput(FileChannel channel, ByteBuffer buffer, long contentStart, long contentLength) {
        this.channel = channel;
        this.buffer = buffer;
        this.filePosition = contentStart;
        this.unread = contentLength;
        buffer.clear().flip();
    }

    /** Whether every content byte has been consumed. */
    boolean atEnd() {
        return unread == 0 && !buffer.hasRemaining();
    }

    int crc() {
        return (int) crc.getValue();
    }

    /** Makes {@code n} bytes (at most the buffer's capacity) readable from {@link #buffer()}. */
    ByteBuffer need(int n) throws IOException, SnapshotFormat.Rejection {
        while (buffer.remaining() < n) {
            fill();
        }
        return buffer;
    }

    /** Copies {@code length} content bytes into {@code into} from {@code offset}. */
    void read(byte[] into, int offset, int length) throws IOException, SnapshotFormat.Rejection {
        while (length > 0) {
            if (!buffer.hasRemaining()) {
                fill();
            }
            int chunk = Math.min(length, buffer.remaining());
            buffer.get(into, offset, chunk);
            offset += chunk;
            length -= chunk;
        }
    }

    /** Consumes {@code length} content bytes unread. */
    void skip(long length) throws IOException, SnapshotFormat.Rejection {
        while (length > 0) {
            if (!buffer.hasRemaining()) {
                fill();
            }
            int chunk = (int) Math.min(length, buffer.remaining());
            buffer.position(buffer.position() + chunk);
            length -= chunk;
        }
    }

    private void fill() throws IOException, SnapshotFormat.Rejection {
        if (unread == 0) {
            throw new SnapshotFormat.Rejection("damaged content (a record runs past the end)");
        }
        buffer.compact();
        int room = (int) Math.min(buffer.remaining(), unread);
        ByteBuffer into = buffer.slice(buffer.position(), room);
        int read = 0;
        while (into.hasRemaining()) {
            int n = channel.read(into, filePosition + read);
            if (n < 0) {
                throw new SnapshotFormat.Rejection("truncated while loading");
            }
            read += n;
        }
        crc.update(buffer.slice(buffer.position(), read));
        buffer.position(buffer.position() + read);
        filePosition += read;
        unread -= read;
        buffer.flip();
    }
}
