/**
 * The coordinator's executor: each client command becomes requests to the replicas of its keys
 * (the first R distinct nodes of the ring), reads with failover, writes under the write policy,
 * read-modify-writes decided on the first live replica and copied to the others, and commands for
 * the whole cluster sent to every node; the nodes' replies become memcached's reply to the client.
 */
package io.memcluster.coordinator.route;
