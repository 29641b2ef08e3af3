package io.memcluster.server.store;

import java.nio.charset.StandardCharsets;

/**
 * One cached entry. Key and value share one array so an item costs two objects, not three; the
 * array is never written after the item is linked, so a reader may copy the value out after the
 * segment lock is released. Mutable metadata (expiry, access time, bits, links) is only touched
 * under the owning segment's lock.
 */
public final class Item {

    static final byte FETCHED = 1;
    static final byte STALE = 2;
    static final byte TOKEN_SENT = 4;
    static final byte BINARY_KEY = 8;

    /**
     * What an item costs beyond its key and value bytes, as accounted against the memory limit:
     * this object (64 bytes with compressed oops), the array header (16) and a hash-table slot.
     */
    public static final int OVERHEAD = 88;

    final byte[] data;
    final short keyLength;
    final int flags;
    final int hash;
    final Namespace namespace;
    long cas;
    /** Relative seconds (see {@link Store#now()}); 0 = never expires. */
    int expiresAt;
    /** Relative seconds of the last store or bump. */
    int lastAccess;
    byte bits;
    /**
     * The digest segment of the key (see {@link VersionDigest}), -1 until the item is first
     * counted in its namespace's digest: an MD5 of the key, computed once, not again at removal.
     */
    short digestSegment = -1;

    Item hashNext;
    Item lruPrev;
    Item lruNext;

    Item(byte[] data, int keyLength, int flags, int hash, Namespace namespace) {
        this.data = data;
        this.keyLength = (short) keyLength;
        this.flags = flags;
        this.hash = hash;
        this.namespace = namespace;
    }

    /** The whole backing array: key bytes, then value bytes. Never modify it. */
    public byte[] data() {
        return data;
    }

    public int keyLength() {
        return keyLength;
    }

    public int valueOffset() {
        return keyLength;
    }

    public int valueLength() {
        return data.length - keyLength;
    }

    public int flags() {
        return flags;
    }

    public long cas() {
        return cas;
    }

    public boolean binaryKey() {
        return (bits & BINARY_KEY) != 0;
    }

    /** The key's digest segment (see {@link VersionDigest}); -1 for an item never linked. */
    public int digestSegment() {
        return digestSegment;
    }

    public Namespace namespace() {
        return namespace;
    }

    /** Bytes charged against the memory limit. */
    public long accountedSize() {
        return data.length + (long) OVERHEAD;
    }

    public byte[] keyBytes() {
        byte[] key = new byte[keyLength];
        System.arraycopy(data, 0, key, 0, keyLength);
        return key;
    }

    /** For diagnostics only: keys never go to logs. */
    @Override
    public String toString() {
        return "Item[keyLength=" + keyLength + ", valueLength=" + valueLength() + ", cas=" + cas + "]";
    }

    boolean keyEquals(byte[] key, int hash) {
        return this.hash == hash
                && java.util.Arrays.equals(data, 0, keyLength, key, 0, key.length);
    }

    String keyAsLatin1() {
        return new String(data, 0, keyLength, StandardCharsets.ISO_8859_1);
    }
}
