/**
 * Integration tests of a whole cluster as an operator runs it: {@code bin/memcluster up} starts
 * three nodes (mutual TLS) and the coordinator as real processes on free loopback ports, and the
 * tests drive the coordinator with clients written by others (spymemcached and xmemcached on the
 * plain port, folsom over TLS with a login, memccapable, memcached's recorded transcripts), then
 * kill processes with SIGKILL and check what a client still reads. {@link
 * io.memcluster.coordinator.it.UpCluster} binds the lifecycle ITs' harness, {@link
 * io.memcluster.coordinator.lifecycle.LifecycleCluster}, to a test class or method.
 */
package io.memcluster.coordinator.it;
