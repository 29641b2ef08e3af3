package io.memcluster.coordinator.lifecycle;

import io.memcluster.config.ConfigLoader;
import io.memcluster.config.ConfigOverride;
import io.memcluster.config.MemclusterConfig;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * A cluster on free loopback ports with a data folder of its own under {@code target/it-data},
 * driven through the packaged launcher as an operator would, for the lifecycle ITs. {@link #close}
 * kills every process of it that is still alive, whatever the test did: those named by its pid
 * files and those the test reported with {@link #track}.
 */
final class LifecycleCluster implements AutoCloseable {

    /** Generous for a cold JVM on a busy 2-core machine; a hung command must still end. */
    private static final long COMMAND_TIMEOUT_SECONDS = 180;

    /** What a launcher command printed, and its exit code. */
    record Run(int exit, String out, String err) {

        /** For assertion messages. */
        String transcript() {
            return "exit " + exit + "\n--- stdout ---\n" + out + "--- stderr ---\n" + err + "--- end ---";
        }

        /** The line of status (or up, or down) about {@code name}. */
        String lineOf(String name) {
            return out.lines().filter(line -> line.matches("(\\S+\\s+)?" + name + "[\\s:].*")).findFirst()
                    .orElseThrow(() -> new AssertionError("no line for " + name + " in\n" + transcript()));
        }
    }

    private final Path launcher;
    private final Path dir;
    private final Path configFile;
    private final Path dataDir;
    private final int nodePortInitial;
    private final int coordinatorPort;
    private final int coordinatorPlainPort;
    private final Set<Long> pids = new LinkedHashSet<>();
    private int runs;

    private LifecycleCluster(Path launcher, Path dir, Path configFile, int nodePortInitial, int coordinatorPort,
            int coordinatorPlainPort) {
        this.launcher = launcher;
        this.dir = dir;
        this.configFile = configFile;
        this.dataDir = dir.resolve("data");
        this.nodePortInitial = nodePortInitial;
        this.coordinatorPort = coordinatorPort;
        this.coordinatorPlainPort = coordinatorPlainPort;
    }

    /** Three local nodes on three consecutive free ports, R=2, the coordinator on two more. */
    static LifecycleCluster create(boolean auth) throws IOException {
        Path base = Path.of(System.getProperty("memcluster.it.logs", "target/it-logs")).toAbsolutePath()
                .resolveSibling("it-data");
        // A new folder each time: ports come round again in later runs, their data must not.
        Path dir = Files.createTempDirectory(Files.createDirectories(base), "lifecycle-");
        int nodes = consecutiveFreePorts(3);
        int coordinator = freePortOutside(nodes, 3, -1);
        int plain = freePortOutside(nodes, 3, coordinator);
        Path config = Files.writeString(dir.resolve("config.yaml"), String.join("\n",
                "# A lifecycle IT's cluster: free loopback ports, auth " + (auth ? "on" : "off") + ".",
                "coordinator:", "  port: " + coordinator, "  plain_port: " + plain,
                "auth:", "  enabled: " + auth,
                "node:", "  memory: 16m", "  threads: 1",
                "cluster:", "  replication_factor: 2", "  local:", "    count: 3", "    port_initial: " + nodes, ""),
                StandardCharsets.UTF_8);
        return new LifecycleCluster(launcher(), dir, config, nodes, coordinator, plain);
    }

    Path dataDir() {
        return dataDir;
    }

    int nodePort(int i) {
        return nodePortInitial + i;
    }

    int coordinatorPort() {
        return coordinatorPort;
    }

    int coordinatorPlainPort() {
        return coordinatorPlainPort;
    }

    /** The config as up reads it, with the data folder given on the command line. */
    MemclusterConfig config() {
        return ConfigLoader.load(configFile, System.getenv(), List.of(
                new ConfigOverride("data_dir", dataDir.toString(), "--data-dir")));
    }

    NodeSupervisor supervisor() {
        return new NodeSupervisor(new Launcher(launcher));
    }

    /** The pid file of node {@code i} (0-based). */
    PidFile nodePidFile(int i) {
        return new PidFile(dataDir.resolve("nodes").resolve("node-" + (i + 1)).resolve("node.pid"));
    }

    PidFile coordinatorPidFile() {
        return new PidFile(dataDir.resolve("coordinator.pid"));
    }

    /** Remembers processes to kill at the end, in case their pid files are gone by then. */
    void track(NodeStartReport report) {
        report.running().forEach(node -> pids.add(node.pid()));
    }

    void track(long pid) {
        pids.add(pid);
    }

    /** {@code bin/memcluster <command> --config <file> --data-dir <dir>}, run to its end. */
    Run run(String command) throws IOException, InterruptedException {
        int n = ++runs;
        Path out = dir.resolve(n + "-" + command + ".out");
        Path err = dir.resolve(n + "-" + command + ".err");
        Process process = new ProcessBuilder(launcher.toString(), command, "--config", configFile.toString(),
                "--data-dir", dataDir.toString())
                .redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null")))
                .redirectOutput(out.toFile())
                .redirectError(err.toFile())
                .start();
        if (!process.waitFor(COMMAND_TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
            process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
            throw new AssertionError("bin/memcluster " + command + " did not end within " + COMMAND_TIMEOUT_SECONDS
                    + "s; output in " + out + " and " + err);
        }
        return new Run(process.exitValue(), Files.readString(out), Files.readString(err));
    }

    /** Kills what is left, SIGKILL at once: a test's processes must never outlive it. */
    @Override
    public void close() throws IOException {
        Set<Long> all = new LinkedHashSet<>(pids);
        try (Stream<Path> files = Files.exists(dataDir) ? Files.walk(dataDir) : Stream.empty()) {
            for (Path file : files.filter(f -> f.toString().endsWith(".pid")).toList()) {
                new PidFile(file).read().ifPresent(all::add);
            }
        }
        List<ProcessHandle> killed = new ArrayList<>();
        for (long pid : all) {
            // Only a process of this cluster: its command line names this cluster's folder.
            ProcessHandle.of(pid).filter(ProcessHandle::isAlive)
                    .filter(p -> p.info().arguments().map(a -> String.join(" ", a).contains(dir.toString()))
                            .orElse(false))
                    .ifPresent(p -> {
                        p.destroyForcibly();
                        killed.add(p);
                    });
        }
        for (ProcessHandle process : killed) {
            try {
                process.onExit().get(10, TimeUnit.SECONDS);
            } catch (Exception e) {
                // reported by the next run's port checks, if ever
            }
        }
    }

    static Path launcher() {
        // Set by failsafe (coordinator/pom.xml); the fallback serves an IDE run from the module folder.
        Path launcher = Path.of(System.getProperty("memcluster.launcher", "../bin/memcluster"))
                .toAbsolutePath().normalize();
        if (!Files.isExecutable(launcher)) {
            throw new IllegalStateException("no executable launcher at " + launcher);
        }
        return launcher;
    }

    /** The first of {@code count} consecutive loopback ports that are all free now. */
    private static int consecutiveFreePorts(int count) throws IOException {
        for (int attempt = 0; attempt < 100; attempt++) {
            int first = freePort();
            boolean all = first + count - 1 <= 65535;
            for (int i = 1; i < count && all; i++) {
                all = PortCheck.isFree("127.0.0.1", first + i);
            }
            if (all) {
                return first;
            }
        }
        throw new IllegalStateException("no " + count + " consecutive free ports on loopback");
    }

    private static int freePortOutside(int first, int count, int taken) throws IOException {
        while (true) {
            int port = freePort();
            if ((port < first || port >= first + count) && port != taken) {
                return port;
            }
        }
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        }
    }
}
