/**
 * A blocking connection to a memcached-protocol server (a node, the coordinator, memcached):
 * TCP or TLS verified against the cluster CA, the login step, requests written with
 * {@link io.memcluster.protocol.CommandEncoder} and replies read with
 * {@link io.memcluster.protocol.ReplyDecoder}, one at a time or as a streamed listing.
 */
package io.memcluster.client.connection;
