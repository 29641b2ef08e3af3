package io.memcluster.coordinator.lifecycle;

import io.memcluster.config.CoordinatorConfig;
import io.memcluster.config.MemclusterConfig;
import io.memcluster.time.Ticker;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The coordinator as {@code up} runs it: adopted when its pid file names a live coordinator of
 * this data folder, else started as a daemon ({@code bin/memcluster coordinator}, log
 * {@code D/coordinator.log}), then waited for until it serves clients.
 */
final class CoordinatorDaemon {

    /**
     * It makes sure of its nodes first, which may take {@link NodeSupervisor#START_TIMEOUT} itself
     * (up has started them already, so it normally adopts them at once), then starts in seconds.
     */
    static final Duration START_TIMEOUT = NodeSupervisor.START_TIMEOUT.plusSeconds(60);

    private final Launcher launcher;
    private final Duration startTimeout;
    private final Ticker ticker = Ticker.system();

    CoordinatorDaemon(Launcher launcher, Duration startTimeout) {
        this.launcher = launcher;
        this.startTimeout = startTimeout;
    }

    /** By its pid file and command line; then whether it serves. */
    static Sighting look(MemclusterConfig config, DataLayout layout) throws IOException {
        PidFile pidFile = new PidFile(layout.coordinatorPidFile());
        Optional<ProcessHandle> process = pidFile.liveProcess()
                .filter(p -> ProcessIdentity.isCoordinator(p, layout.dir()));
        if (process.isEmpty()) {
            return new Sighting(process, pidFile.exists() ? ProcessState.STALE_PID_FILE : ProcessState.NOT_RUNNING);
        }
        boolean serves = new CoordinatorProbe(config, layout, NodeProbe.TIMEOUT).problem().isEmpty();
        return new Sighting(process, serves ? ProcessState.RUNNING : ProcessState.NOT_RESPONDING);
    }

    /**
     * @param configFile the config file to start it with, absolute; null for none
     * @throws LifecycleException when it cannot start or does not serve in time (a coordinator that
     *                            runs but does not serve is left running)
     */
    @SuppressWarnings("try") // the lock is held, not used: the check and the start run under it
    CoordinatorProcess ensureRunning(MemclusterConfig config, Path configFile, DataLayout layout)
            throws LifecycleException {
        ProcessHandle process;
        Daemon daemon = null;
        // Held only until it is started: at its own start, the coordinator takes the lock to check its nodes.
        try (LifecycleLock lock = LifecycleLock.acquire(layout)) {
            Sighting seen = look(config, layout);
            if (seen.state() == ProcessState.RUNNING) {
                return new CoordinatorProcess(seen.process().get().pid(), Origin.ADOPTED);
            }
            if (seen.process().isPresent()) {
                process = seen.process().get();
            } else {
                refuseTakenPorts(config);
                List<String> arguments = new ArrayList<>(List.of("coordinator", "--data-dir", layout.dir().toString()));
                if (configFile != null) {
                    arguments.addAll(List.of("--config", configFile.toString()));
                }
                daemon = Daemon.start("the coordinator", launcher, arguments, layout.coordinatorLog(),
                        new PidFile(layout.coordinatorPidFile()));
                process = daemon.process().toHandle();
            }
        } catch (IOException e) {
            throw new LifecycleException("cannot read " + layout.coordinatorPidFile() + ": " + e.getMessage(), e);
        }
        return await(config, layout, process, daemon);
    }

    private CoordinatorProcess await(MemclusterConfig config, DataLayout layout, ProcessHandle process,
            Daemon daemon) throws LifecycleException {
        Origin origin = daemon == null ? Origin.ADOPTED : Origin.STARTED;
        CoordinatorProbe probe = new CoordinatorProbe(config, layout, NodeProbe.TIMEOUT);
        long deadline = ticker.nanos() + startTimeout.toNanos();
        while (true) {
            Optional<String> problem = probe.problem();
            if (problem.isEmpty()) {
                return new CoordinatorProcess(process.pid(), origin);
            }
            if (!process.isAlive()) {
                if (daemon == null) {
                    throw new LifecycleException("the coordinator (pid " + process.pid() + ") exited while it was"
                            + " awaited; run bin/memcluster up again to start it");
                }
                deleteIfNaming(layout, process.pid());
                throw new LifecycleException("the coordinator " + daemon.exit() + " at start, before it served;"
                        + " its log says why", daemon.logTail(), null);
            }
            long left = deadline - ticker.nanos();
            if (left <= 0) {
                throw new LifecycleException("the coordinator (pid " + process.pid() + ") does not serve after "
                        + startTimeout.toSeconds() + "s (" + problem.get() + "); it is left running: see "
                        + layout.coordinatorLog() + ", or stop it with bin/memcluster down",
                        daemon == null ? "" : daemon.logTail(), null);
            }
            Pause.untilExit(process, Math.min(left, Pause.POLL.toNanos()));
            if (Thread.currentThread().isInterrupted()) {
                throw new LifecycleException("interrupted while waiting for the coordinator");
            }
        }
    }

    private static void refuseTakenPorts(MemclusterConfig config) throws LifecycleException {
        CoordinatorConfig coordinator = config.coordinator();
        refuseIfTaken(coordinator.bind(), coordinator.port(), "coordinator.port");
        if (coordinator.plainEnabled()) {
            refuseIfTaken(config.coordinatorPlain().bindAddress(coordinator.bind()), coordinator.plainPort(),
                    "coordinator.plain_port");
        }
    }

    private static void refuseIfTaken(String host, int port, String key) throws LifecycleException {
        if (!PortCheck.isFree(host, port)) {
            throw new LifecycleException("port " + port + " is in use by another process (not the coordinator of"
                    + " this cluster); free it or change " + key);
        }
    }

    private static void deleteIfNaming(DataLayout layout, long pid) {
        PidFile pidFile = new PidFile(layout.coordinatorPidFile());
        try {
            if (pidFile.read().orElse(-1) == pid) {
                pidFile.delete();
            }
        } catch (IOException e) {
            // stale, and replaced at the next start
        }
    }
}
