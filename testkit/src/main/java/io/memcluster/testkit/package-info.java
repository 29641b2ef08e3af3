/**
 * The test kit node and coordinator share: memcached's recorded transcripts and their replay
 * ({@link io.memcluster.testkit.Transcript}, {@link io.memcluster.testkit.RawClient}), so that one
 * set of transcripts judges both, and libmemcached's memccapable run against a port.
 */
package io.memcluster.testkit;
