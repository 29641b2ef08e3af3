/**
 * The coordinator: one memcached endpoint for the whole cluster. It answers clients exactly as a
 * node does (the shared front end), places each key on R nodes of a ketama ring, writes to the
 * replicas, reads with failover, watches the nodes and starts, stops and adopts the local ones.
 */
package io.memcluster.coordinator;
