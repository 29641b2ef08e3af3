package io.memcluster.protocol;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * A request line split on spaces as memcached splits it (runs of spaces collapse; tabs are
 * ordinary bytes), with number parsing that accepts exactly what memcached's safe_strto*
 * functions accept for each field. Reused for every line of a connection.
 */
final class Tokens {

    byte[] line = new byte[256];
    int lineLength;
    int count;
    int[] start = new int[32];
    int[] end = new int[32];

    void split(int length) {
        lineLength = length;
        count = 0;
        int i = 0;
        while (i < length) {
            while (i < length && line[i] == ' ') {
                i++;
            }
            if (i == length) {
                break;
            }
            int s = i;
            while (i < length && line[i] != ' ') {
                i++;
            }
            if (count == start.length) {
                start = Arrays.copyOf(start, count * 2);
                end = Arrays.copyOf(end, count * 2);
            }
            start[count] = s;
            end[count] = i;
            count++;
        }
    }

    void ensureCapacity(int length) {
        if (line.length < length) {
            line = new byte[Math.max(length, line.length * 2)];
        }
    }

    int length(int token) {
        return end[token] - start[token];
    }

    boolean is(int token, byte[] word) {
        return Arrays.equals(line, start[token], end[token], word, 0, word.length);
    }

    byte first(int token) {
        return line[start[token]];
    }

    byte[] bytes(int token) {
        return Arrays.copyOfRange(line, start[token], end[token]);
    }

    String string(int token) {
        return new String(line, start[token], length(token), StandardCharsets.ISO_8859_1);
    }

    /** Whether the last token is {@code noreply}. */
    boolean endsWithNoreply() {
        return count > 0 && is(count - 1, Words.NOREPLY);
    }

    /** Signed 32-bit decimal (exptime, length); {@link Long#MIN_VALUE} when invalid. */
    long int32(int token) {
        return int32(line, start[token], end[token]);
    }

    static long int32(byte[] b, int from, int to) {
        boolean negative = false;
        int i = from;
        if (i < to && (b[i] == '-' || b[i] == '+')) {
            negative = b[i] == '-';
            i++;
        }
        if (i == to || to - i > 10) {
            return Long.MIN_VALUE;
        }
        long value = 0;
        for (; i < to; i++) {
            int digit = b[i] - '0';
            if (digit < 0 || digit > 9) {
                return Long.MIN_VALUE;
            }
            value = value * 10 + digit;
        }
        value = negative ? -value : value;
        return value < Integer.MIN_VALUE || value > Integer.MAX_VALUE ? Long.MIN_VALUE : value;
    }

    /** Unsigned 32-bit decimal (client flags); -1 when invalid. */
    long uint32(int token) {
        return uint32(line, start[token], end[token]);
    }

    static long uint32(byte[] b, int from, int to) {
        if (from == to || to - from > 10) {
            return -1;
        }
        long value = 0;
        for (int i = from; i < to; i++) {
            int digit = b[i] - '0';
            if (digit < 0 || digit > 9) {
                return -1;
            }
            value = value * 10 + digit;
        }
        return value > 0xFFFF_FFFFL ? -1 : value;
    }

    /** Unsigned 64-bit decimal (cas, delta) into {@code out[0]}; false when invalid. */
    boolean uint64(int token, long[] out) {
        return uint64(line, start[token], end[token], out);
    }

    static boolean uint64(byte[] b, int from, int to, long[] out) {
        if (from == to || to - from > 20) {
            return false;
        }
        long value = 0;
        for (int i = from; i < to; i++) {
            int digit = b[i] - '0';
            if (digit < 0 || digit > 9) {
                return false;
            }
            if (Long.compareUnsigned(value, Long.divideUnsigned(-1L - digit, 10)) > 0) {
                return false;
            }
            value = value * 10 + digit;
        }
        out[0] = value;
        return true;
    }
}
