/**
 * {@code bin/memcluster bench}: a load generator for a node, the coordinator or memcached, in
 * plaintext or over TLS. It keeps a fixed number of requests in flight on each connection, times
 * every request from send to reply, and reports throughput, hit ratio and latency percentiles.
 *
 * <p>It is built to cost the server's machine as little as possible: requests are assembled from
 * pre-encoded pieces and a precomputed key table, replies are only framed and counted (see
 * {@link io.memcluster.client.bench.ReplyFramer}), and statistics are kept per event-loop thread
 * and merged by the reporting thread.
 */
package io.memcluster.client.bench;
