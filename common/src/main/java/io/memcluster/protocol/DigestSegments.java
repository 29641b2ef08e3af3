package io.memcluster.protocol;

import io.memcluster.hashing.KetamaPoint;
import java.util.BitSet;

/**
 * The digest segments a {@code memcluster digest_keys} asks for, written {@code all} or as a comma
 * list of numbers and ranges ({@code 0,5,10-20}), each in 0-1023.
 */
public final class DigestSegments {

    public static final String ALL = "all";
    public static final int COUNT = KetamaPoint.DIGEST_SEGMENTS;

    private DigestSegments() {
    }

    /** The segments {@code text} names, or null when it is not a valid list. */
    public static BitSet parse(String text) {
        if (text.isEmpty()) {
            return null;
        }
        BitSet segments = new BitSet(COUNT);
        for (String part : text.split(",", -1)) {
            int dash = part.indexOf('-');
            int from = number(dash < 0 ? part : part.substring(0, dash));
            int to = dash < 0 ? from : number(part.substring(dash + 1));
            if (from < 0 || to < from) {
                return null;
            }
            segments.set(from, to + 1);
        }
        return segments;
    }

    /** {@code segments} as {@link #parse} reads it; null (or every segment) is {@code all}. */
    public static String format(BitSet segments) {
        if (segments == null || segments.cardinality() == COUNT) {
            return ALL;
        }
        StringBuilder text = new StringBuilder();
        for (int from = segments.nextSetBit(0); from >= 0; ) {
            int end = segments.nextClearBit(from);
            if (text.length() > 0) {
                text.append(',');
            }
            text.append(from);
            if (end - 1 > from) {
                text.append('-').append(end - 1);
            }
            from = segments.nextSetBit(end);
        }
        return text.toString();
    }

    private static int number(String digits) {
        if (digits.isEmpty() || digits.length() > 4) {
            return -1;
        }
        int value = 0;
        for (int i = 0; i < digits.length(); i++) {
            char c = digits.charAt(i);
            if (c < '0' || c > '9') {
                return -1;
            }
            value = value * 10 + (c - '0');
        }
        return value < COUNT ? value : -1;
    }
}
