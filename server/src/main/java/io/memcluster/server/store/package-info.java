/**
 * The node's memory: a segmented hash table of {@link io.memcluster.server.store.Item}s with a
 * hard byte limit, per-segment LRU eviction, lazy and background expiry, CAS uniques, delayed
 * flush and per-namespace accounting. It knows nothing of the wire protocol; time comes from an
 * injected {@link io.memcluster.time.Clock}.
 */
package io.memcluster.server.store;
