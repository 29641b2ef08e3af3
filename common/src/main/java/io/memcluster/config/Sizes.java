package io.memcluster.config;

import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Byte sizes as operators write them: {@code 1024}, {@code 512k}, {@code 64m}, {@code 2g}, also
 * {@code 64mb} or {@code 64 MB}. Units are binary (k = 1024) as in memcached's {@code -m} and
 * {@code -I}; whole numbers only, so that a size always means an exact number of bytes.
 */
public final class Sizes {

    public static final long KB = 1L << 10;
    public static final long MB = 1L << 20;
    public static final long GB = 1L << 30;

    private static final Pattern SIZE = Pattern.compile("(\\d+)\\s*(?:([kmg])b?|b)?", Pattern.CASE_INSENSITIVE);

    private Sizes() {
    }

    /** Bytes in {@code text}; a {@link ConfigException} saying what a size looks like otherwise. */
    public static long parse(String text) {
        Matcher m = SIZE.matcher(text.strip());
        if (!m.matches()) {
            throw new ConfigException(ConfigProblem.quote(text)
                    + " is not a size (expected a number with an optional unit k, m or g, e.g. 64m)");
        }
        long unit = m.group(2) == null ? 1 : switch (m.group(2).toLowerCase(Locale.ROOT)) {
            case "k" -> KB;
            case "m" -> MB;
            default -> GB;
        };
        try {
            return Math.multiplyExact(Long.parseLong(m.group(1)), unit);
        } catch (ArithmeticException | NumberFormatException tooManyDigits) {
            throw new ConfigException(ConfigProblem.quote(text)
                    + " is too large (expected at most " + format(Long.MAX_VALUE / GB * GB) + ")");
        }
    }

    /** The shortest form that {@link #parse} reads back to exactly {@code bytes}: 64m, not 65536k. */
    public static String format(long bytes) {
        if (bytes == 0) {
            return "0";
        }
        if (bytes % GB == 0) {
            return bytes / GB + "g";
        }
        if (bytes % MB == 0) {
            return bytes / MB + "m";
        }
        if (bytes % KB == 0) {
            return bytes / KB + "k";
        }
        return Long.toString(bytes);
    }
}
