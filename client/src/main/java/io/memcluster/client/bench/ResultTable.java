package io.memcluster.client.bench;

import java.util.Locale;

/** The human-readable report of a run. */
final class ResultTable {

    private ResultTable() {
    }

    static String format(BenchResult result) {
        BenchSettings s = result.settings();
        Counts c = result.counts();
        StringBuilder out = new StringBuilder();
        line(out, "target    %s:%d, %s, %s transport", s.host(), s.port(),
                s.tls() ? "TLS (" + result.tlsProvider() + ")" : "plaintext", result.transport());
        line(out, "load      %d connections on %d threads, %d in flight each; %s",
                s.connections(), s.threads(), s.depth(), ResultTable.mix(s));
        line(out, "keys      %,d keys of %d bytes, %s; %d-byte values; seed %d", s.keyCount(), s.keySize(),
                distribution(s), s.valueSize(), s.seed());
        if (result.populated() > 0) {
            line(out, "populate  %,d keys set before the run", result.populated());
        }
        if (!s.warmup().isZero()) {
            line(out, "warm-up   %d s, %,d requests (not counted below)", s.warmup().toSeconds(),
                    result.warmupRequests());
        }
        out.append('\n');
        line(out, "requests  %,14d in %.2f s: %,.0f ops/s", c.requests(), result.seconds(), result.opsPerSecond());
        line(out, "gets      %,14d  hits %,d (%s), misses %,d", c.gets(), c.hits(), percent(c.hitRatio()), c.misses());
        line(out, "sets      %,14d  stored %,d", c.sets(), c.stored());
        line(out, "errors    %,14d%s", c.errors(),
                result.firstErrorReply() == null ? "" : "  first: " + result.firstErrorReply());
        out.append('\n');
        Latency l = result.latency();
        line(out, "latency (ms)  %9s %9s %9s %9s %9s %9s", "mean", "p50", "p90", "p99", "p99.9", "max");
        line(out, "              %9.3f %9.3f %9.3f %9.3f %9.3f %9.3f", l.mean() / 1000, l.p50() / 1000,
                l.p90() / 1000, l.p99() / 1000, l.p999() / 1000, l.max() / 1000);
        if (!Double.isNaN(result.cpuMicrosPerRequest())) {
            out.append('\n');
            line(out, "bench's own CPU: %.2f s, %.1f us per request", result.cpuSeconds(),
                    result.cpuMicrosPerRequest());
        }
        return out.toString();
    }

    static String mix(BenchSettings s) {
        return trim(s.getRatio() * 100) + "% get / " + trim(100 - s.getRatio() * 100) + "% set";
    }

    static String distribution(BenchSettings s) {
        return s.distribution() == KeyDistribution.ZIPF ? "Zipf (skew " + trim(s.skew()) + ")" : "uniform";
    }

    private static String percent(double ratio) {
        return Double.isNaN(ratio) ? "n/a" : String.format(Locale.ROOT, "%.2f%%", ratio * 100);
    }

    /** 90 rather than 90.0, 99.5 as it is; rounded to what a ratio of two decimals can say. */
    private static String trim(double value) {
        String text = String.format(Locale.ROOT, "%.2f", value);
        return text.replaceAll("\\.?0+$", "");
    }

    private static void line(StringBuilder out, String format, Object... args) {
        out.append(String.format(Locale.ROOT, format, args)).append('\n');
    }
}
