/**
 * The coordinator's links to its nodes: the coordinator is just another client of them, so it
 * speaks the shared {@link io.memcluster.protocol.CommandEncoder} and
 * {@link io.memcluster.protocol.ReplyDecoder} over a few long-lived connections.
 *
 * <ul>
 *   <li>{@link io.memcluster.coordinator.link.NodeLink}: one pipelined connection (mutual TLS, or
 *       plaintext on a trusted network) confined to one event loop: a bounded FIFO of requests
 *       in flight, each with a deadline, and one flush per event-loop turn for every request
 *       written during it.</li>
 *   <li>{@link io.memcluster.coordinator.link.NodePool}: one link per event loop of the
 *       coordinator's worker group, so a client on loop L reaches a node without a thread hop and
 *       its requests stay in order; connecting, reconnecting and probing.</li>
 *   <li>{@link io.memcluster.coordinator.link.MetadumpConnection}: a connection of its own for one
 *       {@code lru_crawler metadump}, read only as fast as the dump's client takes it (the pooled
 *       links never stop reading: they serve every client of their loop), and
 *       {@link io.memcluster.coordinator.link.LoneRequest}, one for a slow request
 *       ({@code memcluster snapshot}) that must not hold up the requests pipelined behind it.</li>
 *   <li>{@link io.memcluster.coordinator.link.NodeHealth}: up or down, from consecutive failures,
 *       failed connects and probes with exponential backoff and jitter, on an injected
 *       {@link io.memcluster.time.Ticker}.</li>
 * </ul>
 *
 * <p>What a request hears back is a {@link io.memcluster.coordinator.link.ReplyCallback}; why it
 * heard nothing is a {@link io.memcluster.coordinator.link.LinkFailure}, whose message, like every
 * log line here, never contains a key or a value.
 */
package io.memcluster.coordinator.link;
