package io.memcluster.client.bench;

import org.HdrHistogram.Histogram;

/** One phase's statistics: a {@link LoopStats} per event-loop thread, merged for reports. */
final class PhaseStats {

    private final LoopStats[] loops;
    private final Histogram total = newHistogram();
    private final Histogram interval = newHistogram();

    PhaseStats(int threads) {
        loops = new LoopStats[threads];
        for (int i = 0; i < threads; i++) {
            loops[i] = new LoopStats();
        }
    }

    static Histogram newHistogram() {
        return new Histogram(1, LoopStats.HIGHEST_NANOS, LoopStats.SIGNIFICANT_DIGITS);
    }

    LoopStats loop(int index) {
        return loops[index];
    }

    Counts counts() {
        Counts sum = Counts.ZERO;
        for (LoopStats loop : loops) {
            sum = sum.plus(loop.counts());
        }
        return sum;
    }

    /**
     * The latencies recorded since the last call (also added to {@link #total}). The histogram is
     * reused: read it before calling again. One reading thread only.
     */
    Histogram takeInterval() {
        interval.reset();
        for (LoopStats loop : loops) {
            loop.drainInto(interval);
        }
        total.add(interval);
        return interval;
    }

    /** Every latency taken so far with {@link #takeInterval}. */
    Histogram total() {
        return total;
    }
}
