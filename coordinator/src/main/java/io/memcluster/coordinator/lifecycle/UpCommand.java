package io.memcluster.coordinator.lifecycle;

import java.io.PrintStream;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

/**
 * {@code bin/memcluster up}: the whole cluster on this machine, as daemons that outlive the
 * command. Run again, it starts only what is missing.
 */
@Command(name = "up", mixinStandardHelpOptions = true, version = UpCommand.VERSION, sortOptions = false,
        description = {"Starts the cluster on this machine: the local nodes that config.yaml asks for"
                + " (cluster.local), then the coordinator, each as a daemon with its pid file and log under the data"
                + " folder, and waits until they serve.",
                "Whatever already runs is adopted, never started twice; a port held by another process is refused."
                + " On the first start it creates the cluster's certificates and, with auth on, users.json,"
                + " printing the admin password once, here."},
        exitCodeListHeading = "Exit codes:%n",
        exitCodeList = {"0:everything runs", "1:something could not start (the reason and its log follow)",
                "2:invalid configuration or usage"})
public final class UpCommand implements Callable<Integer> {

    static final String VERSION = "memcluster 0.1.0";

    @Mixin
    ClusterOptions cluster;

    private final Map<String, String> env;
    private final PrintStream out;
    private final PrintStream err;

    public UpCommand() {
        this(System.getenv(), System.out, System.err);
    }

    UpCommand(Map<String, String> env, PrintStream out, PrintStream err) {
        this.env = env;
        this.out = out;
        this.err = err;
    }

    @Override
    public Integer call() {
        ClusterOptions.Loaded loaded = cluster.load(env, "up", err);
        if (loaded == null) {
            return 2;
        }
        DataLayout layout = loaded.layout();
        try {
            Launcher launcher = Launcher.fromEnvironment(env);
            FirstStart.prepare(loaded.config(), layout, out);
            NodeStartReport nodes = new NodeSupervisor(launcher).ensureRunning(loaded.config(), layout.dir());
            for (LocalNodeProcess node : nodes.running()) {
                out.println(UpListing.node(node));
            }
            if (!nodes.complete()) {
                for (NodeFailure failure : nodes.failures()) {
                    err.println("memcluster up: " + failure.name() + ": " + failure.reason());
                    if (!failure.logTail().isEmpty()) {
                        err.println(failure.logTail());
                    }
                }
                err.println("memcluster up: the coordinator is not started while local nodes are missing; once the"
                        + " above is fixed, run bin/memcluster up again: it starts only what is missing");
                return 1;
            }
            CoordinatorProcess coordinator = new CoordinatorDaemon(launcher, CoordinatorDaemon.START_TIMEOUT)
                    .ensureRunning(loaded.config(), loaded.configFile(), layout);
            out.println(UpListing.coordinator(coordinator, loaded.config(), layout.coordinatorLog()));
            return 0;
        } catch (LifecycleException e) {
            err.println("memcluster up: " + e.getMessage());
            if (!e.details().isEmpty()) {
                err.println(e.details());
            }
            return 1;
        }
    }

    public static void main(String[] args) {
        System.exit(new CommandLine(new UpCommand()).execute(args));
    }
}
