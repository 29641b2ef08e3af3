package io.memcluster.protocol;

import io.netty.buffer.ByteBuf;

/** Writes protocol numbers as ASCII digits straight into a buffer, without Strings. */
public final class Ascii {

    private Ascii() {
    }

    /** A signed 64-bit number. */
    public static void writeLong(ByteBuf out, long value) {
        if (value < 0) {
            out.writeByte('-');
            if (value == Long.MIN_VALUE) {
                out.writeCharSequence("9223372036854775808", java.nio.charset.StandardCharsets.US_ASCII);
                return;
            }
            value = -value;
        }
        writeUnsigned(out, value);
    }

    /** An unsigned 64-bit number (CAS uniques, incr results). */
    public static void writeUnsigned(ByteBuf out, long value) {
        if (value >= 0 && value < 10) {
            out.writeByte('0' + (int) value);
            return;
        }
        int digits = digits(value);
        int at = out.writerIndex() + digits;
        out.ensureWritable(digits);
        long v = value;
        for (int i = 1; i <= digits; i++) {
            long q = Long.divideUnsigned(v, 10);
            out.setByte(at - i, (int) ('0' + (v - q * 10)));
            v = q;
        }
        out.writerIndex(at);
    }

    /** An unsigned 32-bit number held in an int (client flags). */
    public static void writeUnsigned32(ByteBuf out, int value) {
        writeUnsigned(out, Integer.toUnsignedLong(value));
    }

    private static int digits(long value) {
        int digits = 1;
        long v = value;
        while (Long.compareUnsigned(v, 10) >= 0) {
            v = Long.divideUnsigned(v, 10);
            digits++;
        }
        return digits;
    }
}
