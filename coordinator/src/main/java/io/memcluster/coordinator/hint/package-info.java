/**
 * Hinted handoff: a versioned write or delete that a replica missed while another replica took
 * it is kept for that replica ({@link io.memcluster.coordinator.hint.HintLog}, one per node,
 * bounded in bytes and age) and replayed to it when it is up again
 * ({@link io.memcluster.coordinator.hint.HintReplay}), on a lane with a few requests in flight
 * and a byte rate, so that client traffic keeps its share of the link.
 *
 * <p>A hint is the very command the replica missed, {@code ms ... E<version> V} or
 * {@code md ... E<version> V}: a node applies it only when it is newer than what it holds, so a
 * replay that comes late, twice, or after a newer direct write changes nothing it should not.
 *
 * <p>Hints are kept in memory only. Whatever is lost (dropped over the bytes or the age, hints
 * turned off, refused) marks the node as needing a digest catch-up
 * ({@link io.memcluster.coordinator.hint.HintedHandoff#needsDigestCatchUp}); a full log never
 * fails or delays a client's write.
 */
package io.memcluster.coordinator.hint;
