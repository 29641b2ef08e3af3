/**
 * The memcluster node: the {@code node} command and the server it starts (listener, store,
 * background expiry), wired from a validated {@link io.memcluster.config.NodeConfig}.
 */
package io.memcluster.server;
