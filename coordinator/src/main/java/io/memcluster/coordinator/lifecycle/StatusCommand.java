package io.memcluster.coordinator.lifecycle;

import io.memcluster.config.ClusterMember;
import io.memcluster.config.MemclusterConfig;
import java.io.IOException;
import java.io.PrintStream;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

/** {@code bin/memcluster status}: one line per process of the cluster, and an exit code for scripts. */
@Command(name = "status", mixinStandardHelpOptions = true, version = UpCommand.VERSION, sortOptions = false,
        description = {"Shows the coordinator, the local nodes and the remote nodes, one line each after a header:"
                + " ROLE NAME PID ADDRESS STATE UPTIME, where STATE is running, not running, not responding (alive"
                + " but its port does not answer) or stale pid file (its process is gone). A remote node is running"
                + " when it answers a mutual TLS handshake with the cluster's certificates."},
        exitCodeListHeading = "Exit codes:%n",
        exitCodeList = {"0:every process is running", "3:at least one is not", "2:invalid configuration or usage"})
public final class StatusCommand implements Callable<Integer> {

    static final int NOT_ALL_RUNNING = 3;

    @Mixin
    ClusterOptions cluster;

    private final Map<String, String> env;
    private final PrintStream out;
    private final PrintStream err;

    public StatusCommand() {
        this(System.getenv(), System.out, System.err);
    }

    StatusCommand(Map<String, String> env, PrintStream out, PrintStream err) {
        this.env = env;
        this.out = out;
        this.err = err;
    }

    @Override
    public Integer call() {
        ClusterOptions.Loaded loaded = cluster.load(env, "status", err);
        if (loaded == null) {
            return 2;
        }
        MemclusterConfig config = loaded.config();
        DataLayout layout = loaded.layout();
        List<StatusTable.Row> rows = new ArrayList<>();
        try {
            rows.add(row("coordinator", "coordinator", CoordinatorProbe.address(config.coordinator().bind(),
                    config.coordinator().port()), CoordinatorDaemon.look(config, layout)));
            NodeProbe probe = NodeProbe.forClusterOrUnchecked(layout);
            for (LocalNode node : LocalNode.all(config.cluster().local(), layout)) {
                rows.add(row("node", node.name(), node.address(), node.look(probe)));
            }
            for (ClusterMember member : config.cluster().members()) {
                if (!member.local()) {
                    boolean answers = probe.probe(member.host(), member.port()).kind() == NodeProbe.Kind.NODE;
                    rows.add(new StatusTable.Row("remote-node", member.name(), "-", member.address(),
                            answers ? ProcessState.RUNNING : ProcessState.NOT_RESPONDING, "-"));
                }
            }
        } catch (IOException e) {
            err.println("memcluster status: cannot read the pid files in " + layout.dir() + ": " + e.getMessage());
            return 1;
        }
        out.print(StatusTable.format(rows));
        return rows.stream().allMatch(r -> r.state() == ProcessState.RUNNING) ? 0 : NOT_ALL_RUNNING;
    }

    static StatusTable.Row row(String role, String name, String address, Sighting seen) {
        Optional<ProcessHandle> process = seen.process();
        String pid = process.map(p -> Long.toString(p.pid())).orElse("-");
        String uptime = process.flatMap(p -> p.info().startInstant())
                .map(start -> Uptime.format(Duration.between(start, Instant.now()))).orElse("-");
        return new StatusTable.Row(role, name, pid, address, seen.state(), uptime);
    }

    public static void main(String[] args) {
        System.exit(new CommandLine(new StatusCommand()).execute(args));
    }
}
