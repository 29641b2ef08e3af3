package io.memcluster.server.store;

import io.memcluster.hashing.KetamaPoint;
import java.util.concurrent.atomic.AtomicLongArray;

/**
 * A namespace's digest of what it holds, in {@link KetamaPoint#DIGEST_SEGMENTS} segments by the
 * keys' ketama points: per segment the number of items and tombstones, the highest version seen,
 * and the XOR of a 64-bit hash of each (key, version, kind). XOR makes every change O(1) (add or
 * remove is the same XOR) and order-free, as Riak's and Cassandra's XOR-combined trees are, so two
 * replicas holding the same keys at the same versions have equal segments whatever order their
 * writes came in, and a coordinator finds where they differ from a few kilobytes, then lists only
 * those segments. Segments follow the ring so that the keys two replicas share lie in the same
 * segments on both, even when each holds other keys too.
 *
 * <p>Updated under the store's segment locks; the store's segments and these are cut differently,
 * so the arrays are atomic. The highest version only grows (a removal does not lower it): it says
 * what a node has seen, as the coordinator's clock recovery needs, and takes no part in equality.
 */
public final class VersionDigest {

    public static final int SEGMENTS = KetamaPoint.DIGEST_SEGMENTS;
    /** Mixed into a tombstone's hash, so that a tombstone never cancels an item of the same version. */
    private static final long TOMBSTONE_SALT = 0x7f4a7c159e3779b9L;

    private final AtomicLongArray counts = new AtomicLongArray(SEGMENTS);
    private final AtomicLongArray highest = new AtomicLongArray(SEGMENTS);
    private final AtomicLongArray xors = new AtomicLongArray(SEGMENTS);

    /** The digest segment of the key in {@code data[0, keyLength)}. */
    static int segmentOf(byte[] data, int keyLength) {
        return KetamaPoint.digestSegment(KetamaPoint.of(data, 0, keyLength));
    }

    void addItem(Item item) {
        if (item.digestSegment < 0) {
            item.digestSegment = (short) segmentOf(item.data, item.keyLength);
        }
        add(item.digestSegment, itemHash(item.hash, item.cas), item.cas);
    }

    void removeItem(Item item) {
        remove(item.digestSegment, itemHash(item.hash, item.cas));
    }

    void addTombstone(Tombstone t) {
        add(t.digestSegment, tombstoneHash(t.hash, t.version), t.version);
    }

    void removeTombstone(Tombstone t) {
        remove(t.digestSegment, tombstoneHash(t.hash, t.version));
    }

    /** Items and tombstones in {@code segment}. */
    public long count(int segment) {
        return counts.get(segment);
    }

    /** The highest version ever counted in {@code segment}. */
    public long highest(int segment) {
        return highest.get(segment);
    }

    public long xor(int segment) {
        return xors.get(segment);
    }

    private void add(int segment, long hash, long version) {
        counts.incrementAndGet(segment);
        xors.getAndAccumulate(segment, hash, (a, b) -> a ^ b);
        long seen;
        while (Long.compareUnsigned(version, seen = highest.get(segment)) > 0
                && !highest.compareAndSet(segment, seen, version)) {
            // retry: a writer under another store segment's lock raised it meanwhile
        }
    }

    private void remove(int segment, long hash) {
        if (segment < 0) {
            return; // never counted (an item that was linked without being added: none today)
        }
        counts.decrementAndGet(segment);
        xors.getAndAccumulate(segment, hash, (a, b) -> a ^ b);
    }

    /**
     * The hash of an item: its key's hash (the store's, the same on every node) and its version,
     * mixed by MurmurHash3's 64-bit finalizer so that neighbouring versions differ in every bit.
     */
    static long itemHash(int keyHash, long version) {
        return mix(version ^ (keyHash * 0x9e3779b97f4a7c15L));
    }

    static long tombstoneHash(int keyHash, long version) {
        return mix(version ^ (keyHash * 0x9e3779b97f4a7c15L) ^ TOMBSTONE_SALT);
    }

    private static long mix(long h) {
        h ^= h >>> 33;
        h *= 0xff51afd7ed558ccdL;
        h ^= h >>> 33;
        h *= 0xc4ceb9fe1a85ec53L;
        h ^= h >>> 33;
        return h;
    }
}
