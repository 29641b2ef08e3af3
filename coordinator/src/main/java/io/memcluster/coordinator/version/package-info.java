/**
 * Versions of writes: the {@link io.memcluster.coordinator.version.HybridClock} that stamps
 * every write through the coordinator with a 64-bit version, stored as the item's CAS value on
 * every replica, so that replicas compare by version and conflicts resolve last-writer-wins.
 *
 * <p>A version is wall-clock milliseconds in the high 48 bits and a counter in the low 16. It
 * stays close to real time, which makes it readable in logs and comparable between
 * coordinators, yet never goes backwards when the wall clock does.
 */
package io.memcluster.coordinator.version;
