package io.memcluster.client.bench;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.concurrent.TimeUnit;
import org.HdrHistogram.Histogram;

/**
 * The live progress line: once a second, the last second's ops/s, hit ratio, p50, p99 and errors.
 * On a terminal it rewrites one line in place and erases it when a phase ends; elsewhere (asked
 * for with {@code --progress}, e.g. into a log) it writes one line per second.
 */
final class Progress {

    private static final Progress NONE = new Progress(null, false);

    private final PrintWriter out;
    private final boolean terminal;
    private Phase phase;
    private Counts last = Counts.ZERO;
    private long lastNanos;
    private boolean lineShown;

    private Progress(PrintWriter out, boolean terminal) {
        this.out = out;
        this.terminal = terminal;
    }

    static Progress none() {
        return NONE;
    }

    /**
     * Progress on {@code err} (standard error, but for tests): when {@code asked} is true, or when
     * it is null and standard error is a terminal.
     */
    static Progress forStandardError(Boolean asked, PrintWriter err) {
        boolean terminal = standardErrorIsTerminal();
        boolean show = asked == null ? terminal : asked;
        return show ? new Progress(err, terminal) : NONE;
    }

    /**
     * System.console() answers for standard input and output, and {@code bench --json > file} on a
     * terminal must still show progress; so look at what file descriptor 2 is, where Linux says.
     */
    private static boolean standardErrorIsTerminal() {
        try {
            String target = Files.readSymbolicLink(Path.of("/proc/self/fd/2")).toString();
            return target.startsWith("/dev/pts/") || target.startsWith("/dev/tty");
        } catch (IOException | UnsupportedOperationException | SecurityException e) {
            return System.console() != null;
        }
    }

    void tick(Phase current, long elapsedNanos, long limitNanos, BenchSettings settings) {
        if (out == null) {
            return;
        }
        if (current != phase) {
            phase = current;
            last = Counts.ZERO;
            lastNanos = 0;
        }
        Counts now = current.stats().counts();
        Counts delta = now.minus(last);
        double seconds = (elapsedNanos - lastNanos) / 1e9;
        Histogram latency = current.stats().takeInterval();
        last = now;
        lastNanos = elapsedNanos;

        StringBuilder line = new StringBuilder();
        line.append(String.format(Locale.ROOT, "%-8s %4d", current.name(), TimeUnit.NANOSECONDS.toSeconds(elapsedNanos)));
        if (limitNanos > 0) {
            line.append('/').append(TimeUnit.NANOSECONDS.toSeconds(limitNanos));
        }
        line.append(" s");
        if (current.name().equals("populate")) {
            line.append(String.format(Locale.ROOT, "  %,d/%,d keys", now.sets(), settings.keyCount()));
        } else {
            line.append(String.format(Locale.ROOT, "  %,10.0f ops/s", delta.requests() / seconds));
            if (delta.gets() > 0) {
                line.append(String.format(Locale.ROOT, "  hits %5.1f%%", 100 * delta.hitRatio()));
            }
            if (latency.getTotalCount() > 0) {
                line.append(String.format(Locale.ROOT, "  p50 %.3f ms  p99 %.3f ms",
                        latency.getValueAtPercentile(50) / 1e6, latency.getValueAtPercentile(99) / 1e6));
            }
            if (settings.requests() > 0) {
                line.append(String.format(Locale.ROOT, "  %,d/%,d requests", now.requests(), settings.requests()));
            }
        }
        line.append(String.format(Locale.ROOT, "  errors %,d", now.errors()));
        if (terminal) {
            // carriage return, the line, then erase whatever a longer previous line left
            out.print("\r" + line + "\033[K");
            lineShown = true;
        } else {
            out.println(line);
        }
        out.flush();
    }

    void phaseDone() {
        if (out != null && lineShown) {
            out.print("\r\033[K");
            out.flush();
            lineShown = false;
        }
    }
}
