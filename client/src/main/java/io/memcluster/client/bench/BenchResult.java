package io.memcluster.client.bench;

/**
 * What a run measured.
 *
 * @param transport the Netty transport the connections used (epoll or nio)
 * @param tlsProvider the TLS implementation, or null for plaintext
 * @param populated sets sent by the populate step (not in {@code counts})
 * @param warmupRequests requests sent during the warm-up (not in {@code counts})
 * @param seconds from the first request of the measured run to its last reply
 * @param firstErrorReply the first reply that was neither a hit, a miss nor STORED; or null
 * @param cpuSeconds CPU time this process used during the measured run, all threads; NaN if unknown
 */
record BenchResult(
        BenchSettings settings,
        String transport,
        String tlsProvider,
        long populated,
        long warmupRequests,
        double seconds,
        Counts counts,
        String firstErrorReply,
        Latency latency,
        double cpuSeconds) {

    double opsPerSecond() {
        return seconds > 0 ? counts.requests() / seconds : 0;
    }

    /** What the load generator spent per request, in CPU microseconds; NaN if unknown. */
    double cpuMicrosPerRequest() {
        return counts.requests() == 0 ? Double.NaN : cpuSeconds * 1e6 / counts.requests();
    }
}
