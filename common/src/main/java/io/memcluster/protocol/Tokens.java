package io.memcluster.protocol;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * A request line split on spaces as memcached splits it (runs of spaces collapse; tabs are
 * ordinary bytes; a NUL byte ends the line), with number parsing that accepts exactly what memcached's safe_strto*
 * functions accept for each field. Reused for every line of a connection.
 */
final class Tokens {

    byte[] line = new byte[256];
    int lineLength;
    int count;
    int[] start = new int[32];
    int[] end = new int[32];
    /** The last number parsed, as an unsigned 64-bit magnitude. */
    private long magnitude;
    private final long[] scratch = new long[1];

    void split(int length) {
        // memcached tokenizes the line as a C string: a NUL byte ends it
        for (int i = 0; i < length; i++) {
            if (line[i] == 0) {
                length = i;
                break;
            }
        }
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

    /**
     * memcached's safe_strtol (exptime, length): C's strtol over int64, then the value cast to
     * int32 as memcached stores it, so {@code 4294967296} is 0 and {@code 2147483648} is
     * {@code -2147483648}; {@link Long#MIN_VALUE} when invalid.
     */
    long int32(int token) {
        return int32(start[token], end[token]);
    }

    /** {@link #int32(int)} of the bytes {@code [from, to)} of the line (a meta flag's value). */
    long int32(int from, int to) {
        int sign = strto(from, to);
        if (sign == 0) {
            return Long.MIN_VALUE;
        }
        // strtol's ERANGE: beyond [-2^63, 2^63-1]
        if (sign > 0 ? magnitude < 0 : Long.compareUnsigned(magnitude, Long.MIN_VALUE) > 0) {
            return Long.MIN_VALUE;
        }
        return (int) (sign > 0 ? magnitude : -magnitude);
    }

    /**
     * memcached's safe_strtoul (client flags, levels), refusing what does not fit 32 bits where
     * memcached would truncate it; -1 when invalid.
     */
    long uint32(int token) {
        return uint32(start[token], end[token]);
    }

    long uint32(int from, int to) {
        if (!uint64(from, to, scratch) || Long.compareUnsigned(scratch[0], 0xFFFF_FFFFL) > 0) {
            return -1;
        }
        return scratch[0];
    }

    /** memcached's safe_strtoull (cas, delta) into {@code out[0]}; false when invalid. */
    boolean uint64(int token, long[] out) {
        return uint64(start[token], end[token], out);
    }

    boolean uint64(int from, int to, long[] out) {
        int sign = strto(from, to);
        if (sign == 0) {
            return false;
        }
        long value = sign > 0 ? magnitude : -magnitude;
        // safe_strtoull refuses a minus only when the result looks negative as a signed number
        // (so "-0" is 0 and "-18446744073709551615" is 1), wherever in the token it is.
        if (value < 0) {
            for (int i = from; i < to; i++) {
                if (line[i] == '-') {
                    return false;
                }
            }
        }
        out[0] = value;
        return true;
    }

    /**
     * The syntax of C's strto* in base 10, as memcached's safe_strto* check it: white space, an
     * optional sign, at least one digit, then the end of the token or white space (after which
     * anything is ignored). Leaves the magnitude, up to 2^64-1, in {@link #magnitude}; returns 1 or
     * -1 for its sign, 0 when there is no number or it overflows 64 bits (strto*'s ERANGE).
     */
    private int strto(int from, int to) {
        byte[] b = line;
        int i = from;
        while (i < to && isSpace(b[i])) {
            i++;
        }
        int sign = 1;
        if (i < to && (b[i] == '+' || b[i] == '-')) {
            sign = b[i] == '-' ? -1 : 1;
            i++;
        }
        int digits = i;
        long value = 0;
        boolean overflow = false;
        for (; i < to; i++) {
            int digit = b[i] - '0';
            if (digit < 0 || digit > 9) {
                break;
            }
            if (Long.compareUnsigned(value, Long.divideUnsigned(-1L - digit, 10)) > 0) {
                overflow = true;
            }
            value = value * 10 + digit;
        }
        if (i == digits || overflow || (i < to && !isSpace(b[i]))) {
            return 0;
        }
        magnitude = value;
        return sign;
    }

    /** C's isspace in the "C" locale; a token holds no ' ' but may hold the others. */
    private static boolean isSpace(byte c) {
        return c == ' ' || (c >= '\t' && c <= '\r');
    }
}
