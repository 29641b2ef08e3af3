/**
 * Processes and their lifecycle on one machine: {@code bin/memcluster up}, {@code down} and
 * {@code status}, and the part the coordinator calls at its own start, {@link
 * io.memcluster.coordinator.lifecycle.NodeSupervisor#ensureRunning}.
 *
 * <p>Local nodes and a coordinator started by {@code up} are detached daemons (own session, pid
 * file and log under the data folder, see {@link io.memcluster.coordinator.lifecycle.DataLayout})
 * that outlive whoever started them. A process is taken for ours only when three things agree:
 * its pid file, its command line (so a reused pid is never signalled) and, for a node, a mutual
 * TLS handshake on its port whose {@code stats} report that same pid. Anything else on one of our
 * ports is refused, never joined by a second process. Nothing here ever kills a node except
 * {@code down}, and then only with SIGTERM.
 */
package io.memcluster.coordinator.lifecycle;
