/**
 * The client side of the network, for node and coordinator alike: the Netty pipeline (connection
 * limit, TLS and its counters, traffic counting, idle timeout, the shared
 * {@link io.memcluster.protocol.TextCommandDecoder}, the login step, the request handler) and the
 * registry of open connections.
 */
package io.memcluster.frontend.net;
