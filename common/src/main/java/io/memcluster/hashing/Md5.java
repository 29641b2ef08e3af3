package io.memcluster.hashing;

import java.security.DigestException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;

/**
 * MD5 for the ketama ring, one digest and one output buffer per thread: every request hashes its
 * key on the coordinator (its place on the ring) and every write on a node (its digest segment, see
 * {@link KetamaPoint}), and {@code MessageDigest.getInstance} or a fresh result array per request
 * would be garbage on the hot path.
 */
public final class Md5 {

    public static final int LENGTH = 16;

    private static final ThreadLocal<Md5> PER_THREAD = ThreadLocal.withInitial(Md5::new);

    private final MessageDigest digest;
    private final byte[] result = new byte[LENGTH];

    private Md5() {
        try {
            digest = MessageDigest.getInstance("MD5");
        } catch (NoSuchAlgorithmException e) {
            // Every Java platform is required to provide MD5.
            throw new IllegalStateException("MD5 is not available", e);
        }
    }

    public static Md5 perThread() {
        return PER_THREAD.get();
    }

    /** The digest of {@code input}, in a buffer that the next call on this thread overwrites. */
    public byte[] digest(byte[] input) {
        return digest(input, 0, input.length);
    }

    /** The digest of {@code input[offset, offset + length)}; see {@link #digest(byte[])}. */
    public byte[] digest(byte[] input, int offset, int length) {
        digest.update(input, offset, length);
        try {
            digest.digest(result, 0, LENGTH);
        } catch (DigestException e) {
            throw new IllegalStateException("MD5 did not fit in " + LENGTH + " bytes", e);
        }
        return result;
    }

    /** Four bytes of a digest from {@code offset}, little-endian, as an unsigned 32-bit value. */
    public static long unsignedIntLE(byte[] digest, int offset) {
        return (digest[offset] & 0xFFL)
                | (digest[offset + 1] & 0xFFL) << 8
                | (digest[offset + 2] & 0xFFL) << 16
                | (digest[offset + 3] & 0xFFL) << 24;
    }
}
