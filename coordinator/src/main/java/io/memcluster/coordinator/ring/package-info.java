/**
 * Where keys live: a ketama consistent-hash {@link io.memcluster.coordinator.ring.HashRing} over
 * named {@link io.memcluster.coordinator.ring.RingNode}s, and the replicas of a key as the next
 * distinct nodes clockwise.
 *
 * <p>Placement is spymemcached 2.12.3's {@code KetamaNodeLocator} with {@code KETAMA_HASH},
 * point for point, when both are given the same node names, so that a key's primary is the node
 * a ketama client would pick. Node names are explicit and stable: a name derived from an
 * address would move keys whenever an address is written differently. Nothing here talks to
 * nodes or knows whether they are up; the router decides what to do with the replicas.
 */
package io.memcluster.coordinator.ring;
