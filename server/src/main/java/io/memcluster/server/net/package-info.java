/**
 * The node's network side: the Netty pipeline (connection limit, idle timeout, traffic counting,
 * the shared {@link io.memcluster.protocol.TextCommandDecoder}) and the handler that executes
 * {@link io.memcluster.protocol.Command}s against the store and writes memcached's replies.
 */
package io.memcluster.server.net;
