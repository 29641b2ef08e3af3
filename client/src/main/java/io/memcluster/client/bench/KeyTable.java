package io.memcluster.client.bench;

import io.netty.buffer.ByteBuf;
import java.nio.charset.StandardCharsets;

/**
 * Every key the run may touch, precomputed: a prefix and a zero-padded index, all the same length,
 * laid out back to back in one array. Writing a key into a request is then one copy, with no
 * object per key and no formatting on the hot path.
 */
final class KeyTable {

    private final byte[] keys;
    private final int keyLength;
    private final int count;

    KeyTable(String prefix, int keyLength, int count) {
        int digits = keyLength - prefix.length();
        if (digits < digitsFor(count)) {
            throw new IllegalArgumentException(count + " keys need " + (prefix.length() + digitsFor(count))
                    + " bytes with prefix '" + prefix + "', not " + keyLength);
        }
        this.keyLength = keyLength;
        this.count = count;
        this.keys = new byte[Math.multiplyExact(keyLength, count)];
        byte[] prefixBytes = prefix.getBytes(StandardCharsets.US_ASCII);
        for (int i = 0; i < count; i++) {
            int at = i * keyLength;
            System.arraycopy(prefixBytes, 0, keys, at, prefixBytes.length);
            int value = i;
            for (int d = at + keyLength - 1; d >= at + prefixBytes.length; d--) {
                keys[d] = (byte) ('0' + value % 10);
                value /= 10;
            }
        }
    }

    /** How many decimal digits the largest index of {@code count} keys has. */
    static int digitsFor(int count) {
        return Integer.toString(Math.max(0, count - 1)).length();
    }

    void write(ByteBuf out, int index) {
        out.writeBytes(keys, index * keyLength, keyLength);
    }

    String key(int index) {
        return new String(keys, index * keyLength, keyLength, StandardCharsets.US_ASCII);
    }

    int count() {
        return count;
    }

    int keyLength() {
        return keyLength;
    }
}
