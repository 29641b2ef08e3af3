/**
 * Namespace snapshots: each namespace's items written to one file, crash-safe, on a schedule, on
 * demand and at a graceful stop, and loaded back before the node serves (see
 * {@link io.memcluster.server.snapshot.Snapshots}). The file format is {@link
 * io.memcluster.server.snapshot.SnapshotFormat}.
 */
package io.memcluster.server.snapshot;
