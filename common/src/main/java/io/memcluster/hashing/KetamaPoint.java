package io.memcluster.hashing;

/**
 * A key's point on the ketama ring: the first four bytes of the MD5 of its bytes, little-endian,
 * as spymemcached's {@code KetamaNodeLocator} and libmemcached compute it. The coordinator places
 * keys with it; a node files its digests by it ({@link #digestSegment}), so that a digest segment
 * is a slice of the ring and the keys two replicas share fall in the same segments on both.
 */
public final class KetamaPoint {

    /** Digest segments per namespace: the ring cut into 1024 equal arcs. */
    public static final int DIGEST_SEGMENTS = 1024;
    private static final int SEGMENT_SHIFT = 32 - Integer.numberOfTrailingZeros(DIGEST_SEGMENTS);

    private KetamaPoint() {
    }

    /** The point of {@code key}, an unsigned 32-bit value. */
    public static long of(byte[] key) {
        return of(key, 0, key.length);
    }

    /** The point of the key in {@code bytes[offset, offset + length)}. */
    public static long of(byte[] bytes, int offset, int length) {
        return Md5.unsignedIntLE(Md5.perThread().digest(bytes, offset, length), 0);
    }

    /** The digest segment a ring point falls in: segment s holds the points [s << 22, (s + 1) << 22). */
    public static int digestSegment(long point) {
        return (int) (point >>> SEGMENT_SHIFT);
    }

    /** The first ring point of digest segment {@code segment}. */
    public static long firstPointOf(int segment) {
        return (long) segment << SEGMENT_SHIFT;
    }
}
