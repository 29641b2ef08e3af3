package io.memcluster.server.store;

/** Unsigned 64-bit decimal numbers stored as item values, read and written as memcached does. */
final class Decimal {

    static final long NOT_A_NUMBER = -1;
    private static final int MAX_DIGITS = 20;

    private Decimal() {
    }

    /**
     * Parses the value bytes like memcached's safe_strtoull: leading blanks, digits, then the end
     * or a blank (anything after it is ignored, so "12 abc" is 12). Returns false when the bytes
     * are not a number that fits 64 bits unsigned.
     */
    static boolean parse(byte[] data, int from, int to, long[] out) {
        int i = from;
        while (i < to && isBlank(data[i])) {
            i++;
        }
        if (i < to && data[i] == '+') {
            i++;
        }
        int digitsStart = i;
        long value = 0;
        while (i < to && data[i] >= '0' && data[i] <= '9') {
            int digit = data[i] - '0';
            // value * 10 + digit must not pass 2^64 - 1
            if (Long.compareUnsigned(value, Long.divideUnsigned(-1L - digit, 10)) > 0) {
                return false;
            }
            value = value * 10 + digit;
            i++;
        }
        if (i == digitsStart) {
            return false;
        }
        // like strtoull in memcached: the number ends at the first blank, whatever follows it
        if (i < to && !isBlank(data[i])) {
            return false;
        }
        out[0] = value;
        return true;
    }

    /** Writes {@code value} unsigned, left-aligned and space-padded to at least {@code width}. */
    static byte[] format(long value, int width) {
        byte[] digits = new byte[MAX_DIGITS];
        int pos = MAX_DIGITS;
        long v = value;
        do {
            long q = Long.divideUnsigned(v, 10);
            digits[--pos] = (byte) ('0' + (v - q * 10));
            v = q;
        } while (v != 0);
        int length = MAX_DIGITS - pos;
        byte[] out = new byte[Math.max(width, length)];
        System.arraycopy(digits, pos, out, 0, length);
        for (int i = length; i < out.length; i++) {
            out[i] = ' ';
        }
        return out;
    }

    private static boolean isBlank(byte b) {
        return b == ' ' || b == '\t' || b == '\r' || b == '\n' || b == 0x0b || b == '\f';
    }
}
