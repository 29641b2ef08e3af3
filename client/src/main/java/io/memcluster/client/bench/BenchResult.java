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
        Latency latency) {

    double opsPerSecond() {
        return seconds > 0 ? counts.requests() / seconds : 0;
    }
}
