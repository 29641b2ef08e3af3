package io.memcluster.client.bench;

import org.HdrHistogram.Histogram;

/** Latency percentiles of a run, in microseconds. */
record Latency(double mean, double p50, double p90, double p99, double p999, double max) {

    static Latency of(Histogram nanos) {
        if (nanos.getTotalCount() == 0) {
            return new Latency(0, 0, 0, 0, 0, 0);
        }
        return new Latency(nanos.getMean() / 1000d, micros(nanos, 50), micros(nanos, 90), micros(nanos, 99),
                micros(nanos, 99.9), nanos.getMaxValue() / 1000d);
    }

    private static double micros(Histogram nanos, double percentile) {
        return nanos.getValueAtPercentile(percentile) / 1000d;
    }
}
