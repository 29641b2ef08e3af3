package io.memcluster.coordinator.lifecycle;

import io.memcluster.time.Ticker;
import java.io.IOException;
import java.io.PrintStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

/**
 * {@code bin/memcluster down}: stops the coordinator first, so that it stops routing, then the
 * local nodes, each with SIGTERM. Only processes whose command line is ours are signalled.
 */
@Command(name = "down", mixinStandardHelpOptions = true, version = UpCommand.VERSION, sortOptions = false,
        description = {"Stops the cluster on this machine: the coordinator, then the local nodes (SIGTERM, then up"
                + " to 120 seconds for each to exit: a node writes its final snapshot first), and removes their pid"
                + " files. Remote nodes are left alone.",
                "Prints one line per process: stopped, not running, or still running."},
        exitCodeListHeading = "Exit codes:%n",
        exitCodeList = {"0:nothing of the cluster runs any more", "1:a process would not stop (named, with its pid)",
                "2:invalid configuration or usage"})
public final class DownCommand implements Callable<Integer> {

    @Mixin
    ClusterOptions cluster;

    private final Map<String, String> env;
    private final PrintStream out;
    private final PrintStream err;

    public DownCommand() {
        this(System.getenv(), System.out, System.err);
    }

    DownCommand(Map<String, String> env, PrintStream out, PrintStream err) {
        this.env = env;
        this.out = out;
        this.err = err;
    }

    @Override
    public Integer call() {
        ClusterOptions.Loaded loaded = cluster.load(env, "down", err);
        if (loaded == null) {
            return 2;
        }
        DataLayout layout = loaded.layout();
        try {
            PidFile coordinatorPid = new PidFile(layout.coordinatorPidFile());
            Sighting coordinator = CoordinatorDaemon.look(loaded.config(), layout);
            boolean allStopped = stop(List.of(new Named("coordinator", coordinatorPid, coordinator)));

            NodeProbe probe = NodeProbe.forClusterOrUnchecked(layout);
            List<Named> nodes = new ArrayList<>();
            for (LocalNode node : LocalNode.all(loaded.config().cluster().local(), layout)) {
                nodes.add(new Named(node.name(), node.pidFile(), node.look(probe)));
            }
            return stop(nodes) && allStopped ? 0 : 1;
        } catch (IOException e) {
            err.println("memcluster down: cannot read the pid files in " + layout.dir() + ": " + e.getMessage());
            return 1;
        }
    }

    private record Named(String name, PidFile pidFile, Sighting seen) {
    }

    /** Signals all of them at once, then reports each in order. @return whether all stopped */
    private boolean stop(List<Named> processes) throws IOException {
        List<GracefulStop.Target> targets = new ArrayList<>();
        for (Named p : processes) {
            p.seen.process().ifPresent(process -> targets.add(new GracefulStop.Target(p.name, process, p.pidFile)));
        }
        List<GracefulStop.Result> results = GracefulStop.stop(targets, GracefulStop.TIMEOUT, Ticker.system());
        boolean allStopped = true;
        int next = 0;
        for (Named p : processes) {
            if (p.seen.process().isEmpty()) {
                boolean stale = p.seen.state() == ProcessState.STALE_PID_FILE;
                if (stale) {
                    p.pidFile.delete();
                }
                out.println(p.name + ": not running" + (stale ? " (removed a stale pid file)" : ""));
                continue;
            }
            GracefulStop.Result result = results.get(next++);
            long pid = result.target().process().pid();
            if (result.stopped()) {
                out.println(p.name + ": stopped (pid " + pid + ")");
            } else {
                allStopped = false;
                out.println(p.name + ": still running (pid " + pid + ") " + GracefulStop.TIMEOUT.toSeconds()
                        + "s after SIGTERM; see its log, or force it with kill -KILL " + pid);
            }
        }
        return allStopped;
    }

    public static void main(String[] args) {
        System.exit(new CommandLine(new DownCommand()).execute(args));
    }
}
