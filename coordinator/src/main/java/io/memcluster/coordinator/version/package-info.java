/**
 * Versions of writes: the {@link io.memcluster.coordinator.version.HybridClock} that stamps
 * every write through the coordinator with a 64-bit version, stored as the item's CAS value on
 * every replica, so that replicas compare by version and conflicts resolve last-writer-wins.
 *
 * <p>A version is wall-clock milliseconds in the high 48 bits, the coordinator's id
 * ({@code coordinator.id}) in the next 4 and a counter in the low 12. It stays close to real
 * time, which makes it readable in logs and comparable between coordinators, never goes
 * backwards when the wall clock does, and two coordinators never mint the same one.
 *
 * <p>It never goes backwards across restarts either: before serving, a coordinator adopts the
 * bound it persisted ({@link io.memcluster.coordinator.version.VersionBound}) and the highest
 * version each reachable node reports
 * ({@link io.memcluster.coordinator.version.NodeVersions}, {@code memcluster digest}'s
 * {@code DM} line).
 */
package io.memcluster.coordinator.version;
