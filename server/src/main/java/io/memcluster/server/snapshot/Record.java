package io.memcluster.server.snapshot;

import java.nio.ByteBuffer;

/**
 * A record's header as {@link SnapshotFormat} lays it out, read from a chunk's payload, which is
 * left at the record's key; a header or a key and value that would run past the payload is a
 * {@link SnapshotFormat.Rejection}.
 *
 * @param size the key's and the value's bytes that follow
 */
record Record(byte bits, int keyLength, int flags, long cas, long size, long expires, long lastAccess) {

    static Record read(ByteBuffer b) throws SnapshotFormat.Rejection {
        if (b.remaining() < SnapshotFormat.RECORD_HEADER) {
            throw new SnapshotFormat.Rejection("damaged content (a record runs past its chunk)");
        }
        byte bits = b.get();
        int keyLength = Short.toUnsignedInt(b.getShort());
        int flags = b.getInt();
        long cas = b.getLong();
        long valueLength = Integer.toUnsignedLong(b.getInt());
        long expires = Integer.toUnsignedLong(b.getInt());
        long lastAccess = Integer.toUnsignedLong(b.getInt());
        long size = keyLength + valueLength;
        if (keyLength == 0 || size > b.remaining()) {
            throw new SnapshotFormat.Rejection("damaged content (a record runs past its chunk)");
        }
        return new Record(bits, keyLength, flags, cas, size, expires, lastAccess);
    }
}
