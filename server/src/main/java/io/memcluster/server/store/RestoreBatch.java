package io.memcluster.server.store;

/**
 * Items a snapshot kept, put back together by {@link Store#restore(RestoreBatch)}: one chunk's
 * worth, so that the store's shared counters (bytes used, the namespace's figures, the CAS
 * counter) are updated once per batch, not once per item by every loading thread. Reused by its
 * thread from chunk to chunk.
 */
public final class RestoreBatch {

    private byte[][] data = new byte[64][];
    private int[] keyLength = new int[64];
    private int[] flags = new int[64];
    private long[] cas = new long[64];
    private long[] expiresUnix = new long[64];
    private long[] lastAccessUnix = new long[64];
    private byte[] bits = new byte[64];
    private int[] hashes = new int[64];
    /** Where the store's reads ahead go, so that the JIT keeps them. */
    int sink;
    int size;
    int restored;
    int expired;
    int noRoom;

    /** An item as {@link Store#restore(byte[], int, int, long, long, long, byte)} takes it. */
    public void add(byte[] itemData, int itemKeyLength, int itemFlags, long itemCas, long itemExpiresUnix,
            long itemLastAccessUnix, byte itemBits) {
        if (size == data.length) {
            grow();
        }
        data[size] = itemData;
        keyLength[size] = itemKeyLength;
        flags[size] = itemFlags;
        cas[size] = itemCas;
        expiresUnix[size] = itemExpiresUnix;
        lastAccessUnix[size] = itemLastAccessUnix;
        bits[size] = itemBits;
        size++;
    }

    public int size() {
        return size;
    }

    /** Of the last {@link Store#restore(RestoreBatch)}: items back in the store. */
    public int restored() {
        return restored;
    }

    /** Items whose expiry had passed. */
    public int expired() {
        return expired;
    }

    /** Items left out for want of room. */
    public int noRoom() {
        return noRoom;
    }

    /** Empties it for the next chunk; the results stay until then. */
    public void clear() {
        java.util.Arrays.fill(data, 0, size, null);
        size = 0;
    }

    /** Scratch for the store: a hash per item. */
    int[] hashes() {
        if (hashes.length < size) {
            hashes = new int[data.length];
        }
        return hashes;
    }

    byte[] data(int i) {
        return data[i];
    }

    int keyLength(int i) {
        return keyLength[i];
    }

    int flags(int i) {
        return flags[i];
    }

    long cas(int i) {
        return cas[i];
    }

    long expiresUnix(int i) {
        return expiresUnix[i];
    }

    long lastAccessUnix(int i) {
        return lastAccessUnix[i];
    }

    byte bits(int i) {
        return bits[i];
    }

    private void grow() {
        int capacity = data.length * 2;
        data = java.util.Arrays.copyOf(data, capacity);
        keyLength = java.util.Arrays.copyOf(keyLength, capacity);
        flags = java.util.Arrays.copyOf(flags, capacity);
        cas = java.util.Arrays.copyOf(cas, capacity);
        expiresUnix = java.util.Arrays.copyOf(expiresUnix, capacity);
        lastAccessUnix = java.util.Arrays.copyOf(lastAccessUnix, capacity);
        bits = java.util.Arrays.copyOf(bits, capacity);
    }
}
