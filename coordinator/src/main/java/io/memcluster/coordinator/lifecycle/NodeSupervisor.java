package io.memcluster.coordinator.lifecycle;

import io.memcluster.certs.CertificateFiles;
import io.memcluster.certs.WrittenFile;
import io.memcluster.config.LocalNodes;
import io.memcluster.config.MemclusterConfig;
import io.memcluster.time.Clock;
import io.memcluster.time.Ticker;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Makes every local node of a cluster run: adopts each one that already runs and is ours, starts
 * each missing one as a daemon, and waits until the started ones answer their handshake. It never
 * stops a node, and never starts one on a port something else holds. {@code bin/memcluster up}
 * calls it, and so does the coordinator at its start.
 */
public final class NodeSupervisor {

    private static final Logger log = LoggerFactory.getLogger(NodeSupervisor.class);

    /**
     * A node's JVM starts in a second or two, but the node loads its snapshot files before it
     * listens: several GB take minutes on a slow disk. Meanwhile the probe is refused and simply
     * tried again; a node that dies (a corrupt config, out of memory while loading) is reported as
     * soon as it exits (see {@link #await}), so only a node that hangs waits this long.
     */
    public static final Duration START_TIMEOUT = Duration.ofSeconds(300);

    private final Launcher launcher;
    private final Duration startTimeout;
    private final Ticker ticker;

    public NodeSupervisor(Launcher launcher) {
        this(launcher, START_TIMEOUT);
    }

    public NodeSupervisor(Launcher launcher, Duration startTimeout) {
        this.launcher = launcher;
        this.startTimeout = startTimeout;
        this.ticker = Ticker.system();
    }

    /** Starting nodes through the launcher that started this process. */
    public static NodeSupervisor fromEnvironment() throws LifecycleException {
        return new NodeSupervisor(Launcher.fromEnvironment(System.getenv()));
    }

    /**
     * Adopts or starts every node of {@code cluster.local}. Nodes that cannot run are reported, not
     * thrown: the others still run, and a cluster with R replicas serves with some nodes missing.
     * Takes up to {@link #START_TIMEOUT} when nodes are started. The cluster's certificates, which
     * the nodes need, are made first in {@code <dataDir>/certs} when it has none.
     *
     * @param dataDir the cluster's data folder (data_dir, after --data-dir)
     * @throws LifecycleException when no node can be checked at all: the cluster's certificates
     *                            cannot be made or used, or the data folder cannot be locked
     */
    @SuppressWarnings("try") // the lock is held, not used: the whole check-and-start runs under it
    public NodeStartReport ensureRunning(MemclusterConfig config, Path dataDir) throws LifecycleException {
        DataLayout layout = new DataLayout(dataDir);
        LocalNodes local = config.cluster().local();
        try (LifecycleLock lock = LifecycleLock.acquire(layout)) {
            ensureCertificates(layout);
            NodeProbe probe = NodeProbe.forCluster(layout);
            List<LocalNode> nodes = LocalNode.all(local, layout);
            Outcome[] outcomes = new Outcome[nodes.size()];
            // Every missing node is started before any is waited for: their JVMs start side by side.
            List<Awaited> awaited = new ArrayList<>();
            for (int i = 0; i < nodes.size(); i++) {
                outcomes[i] = adoptOrStart(config, layout, i, nodes.get(i), probe, awaited);
            }
            for (Awaited a : awaited) {
                outcomes[a.index] = await(a, probe);
            }
            List<LocalNodeProcess> running = new ArrayList<>();
            List<NodeFailure> failures = new ArrayList<>();
            for (Outcome outcome : outcomes) {
                if (outcome.running != null) {
                    running.add(outcome.running);
                } else {
                    failures.add(outcome.failure);
                }
            }
            return new NodeStartReport(running, failures);
        }
    }

    /** One node's end: running, or failed. */
    private record Outcome(LocalNodeProcess running, NodeFailure failure) {

        static Outcome ran(LocalNode node, long pid, Origin origin) {
            return new Outcome(new LocalNodeProcess(node.name(), pid, node.port(), origin, node.log()), null);
        }

        static Outcome failed(LocalNode node, String reason, String logTail) {
            return new Outcome(null, new NodeFailure(node.name(), node.port(), reason, logTail));
        }
    }

    /** A node found alive but not answering yet, or started now: waited for after the others start. */
    private record Awaited(int index, LocalNode node, ProcessHandle process, Origin origin, Daemon daemon,
            long deadline) {
    }

    /** @return null when the node was added to {@code awaited} */
    private Outcome adoptOrStart(MemclusterConfig config, DataLayout layout, int i, LocalNode node, NodeProbe probe,
            List<Awaited> awaited) {
        try {
            Sighting seen = node.look(probe);
            if (seen.process().isPresent()) {
                ProcessHandle process = seen.process().get();
                if (seen.state() == ProcessState.RUNNING) {
                    keepPidFile(node, process.pid());
                    return Outcome.ran(node, process.pid(), Origin.ADOPTED);
                }
                // Ours and alive: perhaps starting right now. A second one on its port would be refused anyway.
                awaited.add(new Awaited(i, node, process, Origin.ADOPTED, null, deadline()));
                return null;
            }
            if (!PortCheck.isFree(LocalNodes.HOST, node.port())) {
                return Outcome.failed(node, "port " + node.port()
                        + " is in use by another process (not " + node.name() + " of this cluster); free it or change"
                        + " cluster.local.port_initial", "");
            }
            NodeYaml.write(config, layout, i);
            Daemon daemon = Daemon.start(node.name(), launcher, List.of("node", "--config", node.yaml().toString()),
                    node.log(), node.pidFile());
            log.info("started {} (pid {}) for {}; log {}", node.name(), daemon.pid(), node.address(), node.log());
            awaited.add(new Awaited(i, node, daemon.process().toHandle(), Origin.STARTED, daemon, deadline()));
            return null;
        } catch (LifecycleException e) {
            return Outcome.failed(node, e.getMessage(), e.details());
        } catch (IOException e) {
            return Outcome.failed(node, "cannot use " + node.pidFile().path().getParent() + ": "
                    + e.getMessage(), "");
        } catch (IllegalArgumentException e) {
            return Outcome.failed(node, e.getMessage(), "");
        }
    }

    private Outcome await(Awaited a, NodeProbe probe) {
        LocalNode node = a.node;
        long pid = a.process.pid();
        NodeProbe.Answer answer;
        while (true) {
            answer = probe.probe(LocalNodes.HOST, node.port());
            if (answer.isNode(pid)) {
                try {
                    keepPidFile(node, pid);
                } catch (IOException e) {
                    return Outcome.failed(node, "cannot write " + node.pidFile() + ": "
                            + e.getMessage(), "");
                }
                return Outcome.ran(node, pid, a.origin);
            }
            if (!a.process.isAlive()) {
                return exited(a);
            }
            long left = a.deadline - ticker.nanos();
            if (left <= 0) {
                break;
            }
            Pause.untilExit(a.process, Math.min(left, Pause.POLL.toNanos()));
            if (Thread.currentThread().isInterrupted()) {
                return Outcome.failed(node, "interrupted while waiting for " + node.name(), "");
            }
        }
        return Outcome.failed(node, node.name() + " (pid " + pid + ") does not answer on "
                + node.address() + " after " + startTimeout.toSeconds() + "s (" + answer.detail() + "); it is left"
                + " running: see " + node.log() + ", or stop it with bin/memcluster down",
                a.daemon == null ? "" : a.daemon.logTail());
    }

    private Outcome exited(Awaited a) {
        LocalNode node = a.node;
        try {
            // Only if it still names the dead process: a racing starter may have written a live one.
            if (node.pidFile().read().orElse(-1) == a.process.pid()) {
                node.pidFile().delete();
            }
        } catch (IOException e) {
            // a stale pid file is replaced at the next start, and reported by status until then
        }
        if (a.daemon == null) {
            return Outcome.failed(node, node.name() + " (pid " + a.process.pid()
                    + ") exited while it was awaited; run bin/memcluster up again to start it", "");
        }
        return Outcome.failed(node, node.name() + " " + a.daemon.exit()
                + " at start, before it answered on " + node.address() + "; its log says why", a.daemon.logTail());
    }

    private static void ensureCertificates(DataLayout layout) throws LifecycleException {
        Path dir = layout.certificates().dir();
        try {
            List<WrittenFile> written = CertificateFiles.ensureDefaults(dir, Clock.system());
            if (!written.isEmpty()) {
                log.info("no cluster certificates found: generated a CA, a server certificate for localhost and the"
                        + " coordinator's client certificate in {}", dir);
            }
        } catch (IOException | RuntimeException e) {
            throw new LifecycleException("cannot create certificates in " + dir + ": " + e.getMessage(), e);
        }
    }

    private static void keepPidFile(LocalNode node, long pid) throws IOException {
        if (node.pidFile().read().orElse(-1) != pid) {
            node.pidFile().write(pid);
        }
    }

    private long deadline() {
        return ticker.nanos() + startTimeout.toNanos();
    }
}
