package io.memcluster.config;

import java.time.Duration;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Durations as operators write them: {@code 500ms}, {@code 30s}, {@code 5m}, {@code 1h},
 * {@code 2d}; a bare number is seconds, as timeouts are in memcached. Whole numbers only.
 */
public final class Durations {

    /**
     * The longest duration accepted: whatever reads the value may well convert it to nanoseconds,
     * and {@link Duration#toNanos} overflows a little after 106751 days.
     */
    private static final Duration MAX = Duration.ofDays(106_751);

    private static final Pattern DURATION = Pattern.compile("(\\d+)\\s*(ms|s|m|h|d)?", Pattern.CASE_INSENSITIVE);

    private Durations() {
    }

    /** The duration in {@code text}; a {@link ConfigException} saying what one looks like otherwise. */
    public static Duration parse(String text) {
        Matcher m = DURATION.matcher(text.strip());
        if (!m.matches()) {
            throw new ConfigException(ConfigProblem.quote(text)
                    + " is not a duration (expected a number with an optional unit ms, s, m, h or d, e.g. 30s)");
        }
        String unit = m.group(2) == null ? "s" : m.group(2).toLowerCase(Locale.ROOT);
        try {
            long amount = Long.parseLong(m.group(1));
            Duration duration = switch (unit) {
                case "ms" -> Duration.ofMillis(amount);
                case "s" -> Duration.ofSeconds(amount);
                case "m" -> Duration.ofMinutes(amount);
                case "h" -> Duration.ofHours(amount);
                default -> Duration.ofDays(amount);
            };
            if (duration.compareTo(MAX) <= 0) {
                return duration;
            }
        } catch (ArithmeticException | NumberFormatException tooManyDigits) {
            // reported below, like any other duration past MAX
        }
        throw new ConfigException(ConfigProblem.quote(text) + " is too large (expected at most " + format(MAX) + ")");
    }

    /**
     * The shortest form that {@link #parse} reads back to exactly {@code duration}: 5m, not 300s.
     * Durations finer than a millisecond cannot be written in a config file and print in ISO-8601.
     */
    public static String format(Duration duration) {
        if (duration.isZero()) {
            return "0s";
        }
        if (duration.getNano() != 0) {
            return duration.getNano() % 1_000_000 == 0 ? duration.toMillis() + "ms" : duration.toString();
        }
        // Whole seconds from here on: counted as seconds, so that no duration overflows a long.
        long seconds = duration.getSeconds();
        if (seconds % 86_400 == 0) {
            return seconds / 86_400 + "d";
        }
        if (seconds % 3_600 == 0) {
            return seconds / 3_600 + "h";
        }
        if (seconds % 60 == 0) {
            return seconds / 60 + "m";
        }
        return seconds + "s";
    }
}
