package io.memcluster.coordinator;

import io.memcluster.config.ConfigOverride;
import io.memcluster.config.JvmMemory;
import io.memcluster.config.MemclusterConfig;
import io.memcluster.coordinator.lifecycle.ClusterOptions;
import io.memcluster.coordinator.lifecycle.DataLayout;
import io.memcluster.coordinator.lifecycle.LifecycleException;
import io.memcluster.coordinator.lifecycle.LocalNodeProcess;
import io.memcluster.coordinator.lifecycle.NodeFailure;
import io.memcluster.coordinator.lifecycle.NodeStartReport;
import io.memcluster.coordinator.lifecycle.NodeSupervisor;
import io.memcluster.coordinator.lifecycle.Origin;
import io.memcluster.coordinator.lifecycle.PidFile;
import io.memcluster.frontend.security.StartException;
import io.memcluster.reload.Hangup;
import io.memcluster.time.Clock;
import io.memcluster.time.Ticker;
import io.memcluster.tls.TlsProviders;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code bin/memcluster coordinator}: the coordinator in the foreground until stopped. The local
 * nodes the configuration asks for are started as daemons first, or adopted when they run.
 */
@Command(name = "coordinator", mixinStandardHelpOptions = true, version = CoordinatorServer.VERSION,
        description = {"Starts the memcluster coordinator in the foreground: one memcached endpoint for the cluster.",
                "Local nodes are started as daemons (or adopted when running) and keep running after it stops.",
                "Flags override config.yaml, which overrides the built-in defaults."},
        sortOptions = false)
public final class CoordinatorCommand implements Callable<Integer> {

    private static final Logger log = LoggerFactory.getLogger(CoordinatorCommand.class);

    @Mixin
    ClusterOptions cluster;

    @Option(names = "--bind", paramLabel = "ADDR",
            description = "Address to listen on (coordinator.bind; default: 127.0.0.1).")
    String bind;

    @Option(names = "--port", paramLabel = "N",
            description = "TCP port for clients, TLS unless tls.enabled is false (coordinator.port; default: 11211).")
    String port;

    @Option(names = "--plain-port", paramLabel = "N",
            description = "Also listen without TLS on this port, on 127.0.0.1 unless plain.allow_remote"
                    + " (coordinator.plain_port; default: 0, none).")
    String plainPort;

    @Option(names = "--threads", paramLabel = "N", description = "Event-loop threads (coordinator.threads; default: 4).")
    String threads;

    @Option(names = "--max-connections", paramLabel = "N",
            description = "Open client connections beyond which new ones are refused (coordinator.max_connections;"
                    + " default: 1024).")
    String maxConnections;

    @Option(names = "--idle-timeout", paramLabel = "DURATION",
            description = "Close client connections idle this long; 0 never (coordinator.idle_timeout; default: 0).")
    String idleTimeout;

    @Option(names = "--connection-buffers", paramLabel = "SIZE",
            description = "Memory for client and node connections' buffers, e.g. 64m; sizes the JVM"
                    + " (coordinator.connection_buffers; default: 64m).")
    String connectionBuffers;

    @Option(names = "--coordinator-id", paramLabel = "N",
            description = "0-15, different for each coordinator of the same nodes: it is part of every version"
                    + " this one mints (coordinator.id; default: 0).")
    String coordinatorId;

    // For bin/memcluster, which starts the JVM with them: the same file, environment and flags.
    @Option(names = "--print-jvm-options", hidden = true)
    boolean printJvmOptions;

    @Override
    public Integer call() throws Exception {
        ClusterOptions.Loaded loaded = cluster.load(System.getenv(), "coordinator", System.err, overrides());
        if (loaded == null) {
            return 2;
        }
        MemclusterConfig settings = loaded.config();
        if (printJvmOptions) {
            System.out.println(String.join(" ", JvmMemory.forCoordinator(settings.coordinator()).options()));
            return 0;
        }
        if (settings.cluster().local().count() > 0 && !startLocalNodes(settings, loaded.layout())) {
            return 1;
        }
        CoordinatorServer server = new CoordinatorServer(settings, Clock.system(), Ticker.system(),
                TlsProviders.preferred(), System.out);
        PidFile pid = new PidFile(loaded.layout().coordinatorPidFile());
        // SIGTERM (bin/memcluster down) ends here: the JVM may halt before the main thread wakes
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            server.close();
            removePid(pid);
        }, "coordinator-stop"));
        try {
            server.start(true);
        } catch (StartException e) {
            System.err.println("memcluster coordinator: " + e.getMessage());
            server.close();
            return 1;
        } catch (Exception e) {
            System.err.println("memcluster coordinator: cannot listen on " + settings.coordinator().bind() + ":"
                    + settings.coordinator().port() + ": " + e.getMessage());
            server.close();
            return 1;
        }
        writePid(pid);
        // kill -HUP <pid> rereads the certificates and users.json at once
        Hangup.onSignal(server.reloader()::requestReload);
        server.awaitStop();
        return 0;
    }

    /**
     * Adopts the local nodes that run, starts the missing ones as daemons (they outlive this
     * process). A node that cannot start is reported and routed around; only when the nodes cannot
     * be looked at at all (no launcher, no certificates) does the coordinator not start.
     */
    private static boolean startLocalNodes(MemclusterConfig settings, DataLayout layout) {
        try {
            NodeStartReport report = NodeSupervisor.fromEnvironment().ensureRunning(settings, layout.dir());
            for (LocalNodeProcess node : report.running()) {
                log.info("{} {} (pid {}) on {}", node.name(), node.origin() == Origin.ADOPTED ? "adopted" : "started",
                        node.pid(), node.address());
            }
            for (NodeFailure failure : report.failures()) {
                log.warn("{} on port {} is not running: {}; its keys go to their other replicas", failure.name(),
                        failure.port(), failure.reason());
            }
            return true;
        } catch (LifecycleException e) {
            System.err.println("memcluster coordinator: " + e.getMessage());
            if (!e.details().isEmpty()) {
                System.err.println(e.details());
            }
            return false;
        }
    }

    /** So that up, status and down see a coordinator started in the foreground too. */
    private static void writePid(PidFile pid) {
        try {
            pid.write(ProcessHandle.current().pid());
        } catch (IOException e) {
            log.warn("cannot write {}: {}", pid.path(), e.getMessage());
        }
    }

    private static void removePid(PidFile pid) {
        try {
            if (pid.read().orElse(-1) == ProcessHandle.current().pid()) {
                pid.delete();
            }
        } catch (IOException e) {
            log.warn("cannot remove {}: {}", pid.path(), e.getMessage());
        }
    }

    private List<ConfigOverride> overrides() {
        List<ConfigOverride> list = new ArrayList<>();
        ConfigOverride.addIfGiven(list, "coordinator.bind", bind, "--bind");
        ConfigOverride.addIfGiven(list, "coordinator.port", port, "--port");
        ConfigOverride.addIfGiven(list, "coordinator.plain_port", plainPort, "--plain-port");
        ConfigOverride.addIfGiven(list, "coordinator.threads", threads, "--threads");
        ConfigOverride.addIfGiven(list, "coordinator.max_connections", maxConnections, "--max-connections");
        ConfigOverride.addIfGiven(list, "coordinator.idle_timeout", idleTimeout, "--idle-timeout");
        ConfigOverride.addIfGiven(list, "coordinator.connection_buffers", connectionBuffers, "--connection-buffers");
        ConfigOverride.addIfGiven(list, "coordinator.id", coordinatorId, "--coordinator-id");
        return list;
    }


    public static void main(String[] args) {
        System.exit(new CommandLine(new CoordinatorCommand()).execute(args));
    }
}
