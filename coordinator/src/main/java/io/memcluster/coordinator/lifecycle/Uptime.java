package io.memcluster.coordinator.lifecycle;

import java.time.Duration;

/**
 * How long a process has run, in its two largest units and one word, so that a script splitting
 * {@code status} lines on spaces keeps it whole: {@code 2d3h}, {@code 4m5s}, {@code 7s}.
 */
final class Uptime {

    private Uptime() {
    }

    static String format(Duration uptime) {
        long seconds = Math.max(0, uptime.getSeconds());
        long days = seconds / 86_400;
        long hours = seconds / 3_600 % 24;
        long minutes = seconds / 60 % 60;
        long secs = seconds % 60;
        if (days > 0) {
            return days + "d" + hours + "h";
        }
        if (hours > 0) {
            return hours + "h" + minutes + "m";
        }
        if (minutes > 0) {
            return minutes + "m" + secs + "s";
        }
        return secs + "s";
    }
}
