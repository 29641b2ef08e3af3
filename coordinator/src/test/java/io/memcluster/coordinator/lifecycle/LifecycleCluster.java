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
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * A cluster on free loopback ports with a data folder of its own under {@code target/it-data},
 * driven through the packaged launcher as an operator would, for the lifecycle ITs and the ITs of
 * a cluster that {@code up} started ({@code io.memcluster.coordinator.it}). {@link #close} kills
 * every process of it that is still alive, whatever the test did: those named by its pid files and
 * those the test reported with {@link #track}.
 */
public final class LifecycleCluster implements AutoCloseable {

    /** Generous for a cold JVM on a busy 2-core machine; a hung command must still end. */
    private static final long COMMAND_TIMEOUT_SECONDS = 180;

    /** What a launcher command printed, and its exit code. */
    public record Run(int exit, String out, String err) {

        private static final Pattern ADMIN_PASSWORD_INTRO = Pattern.compile(
                "memcluster: created .*users\\.json with the user 'admin' \\(ADMIN\\); its password is");

        /** For assertion messages: everything it printed but the admin password. */
        public String transcript() {
            String shown = out;
            if (showsAdminPassword()) {
                shown = out.replace(adminPassword(), "<the admin password>");
            }
            return "exit " + exit + "\n--- stdout ---\n" + shown + "--- stderr ---\n" + err + "--- end ---";
        }

        /** The line of status (or up, or down) about {@code name}. */
        public String lineOf(String name) {
            return out.lines().filter(line -> line.matches("(\\S+\\s+)?" + name + "[\\s:].*")).findFirst()
                    .orElseThrow(() -> new AssertionError("no line for " + name + " in\n" + transcript()));
        }

        /** The pid in up's (or down's) line {@code ... <name> <how> (pid N) ...}, e.g. how = "started". */
        public long pidOf(String name, String how) {
            String line = lineOf(name);
            Matcher m = Pattern.compile(" " + Pattern.quote(how) + " \\(pid (\\d+)\\)").matcher(line);
            if (!m.find()) {
                throw new AssertionError("no '" + how + " (pid N)' in the line of " + name + " in\n" + transcript());
            }
            return Long.parseLong(m.group(1));
        }

        /** Whether the first admin's password was shown, as up shows it on a first start with auth on. */
        public boolean showsAdminPassword() {
            return out.lines().anyMatch(line -> ADMIN_PASSWORD_INTRO.matcher(line).matches());
        }

        /**
         * The first admin's password, which up shows once, as a node shows it: an introducing line,
         * an empty one, the indented password. Fails unless it is shown exactly once.
         */
        public String adminPassword() {
            // No transcript in these messages: it would show what may be the password.
            List<String> lines = out.lines().toList();
            int intro = -1;
            for (int i = 0; i < lines.size(); i++) {
                if (ADMIN_PASSWORD_INTRO.matcher(lines.get(i)).matches()) {
                    if (intro >= 0) {
                        throw new AssertionError("the admin password is introduced twice, on lines " + (intro + 1)
                                + " and " + (i + 1) + " of up's output");
                    }
                    intro = i;
                }
            }
            if (intro < 0 || intro + 2 >= lines.size()) {
                throw new AssertionError("no admin password in up's output; its stderr:\n" + err);
            }
            String password = lines.get(intro + 2).strip();
            if (!password.matches("[A-Za-z0-9]{20}")) {
                throw new AssertionError("line " + (intro + 3) + " of up's output, after the admin password's"
                        + " introduction, is not 20 letters or digits");
            }
            return password;
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
    public static LifecycleCluster create(boolean auth) throws IOException {
        return create(auth, List.of(), List.of());
    }

    /**
     * As {@link #create(boolean)}, with {@code nodeLines} added under {@code node:} (each a key and
     * its value, e.g. {@code max_item_size: 4m}) and {@code sections} after the rest, line by line.
     */
    public static LifecycleCluster create(boolean auth, List<String> nodeLines, List<String> sections)
            throws IOException {
        Path base = Path.of(System.getProperty("memcluster.it.logs", "target/it-logs")).toAbsolutePath()
                .resolveSibling("it-data");
        // A new folder each time: ports come round again in later runs, their data must not.
        Path dir = Files.createTempDirectory(Files.createDirectories(base), "lifecycle-");
        int nodes = consecutiveFreePorts(3);
        int coordinator = freePortOutside(nodes, 3, -1);
        int plain = freePortOutside(nodes, 3, coordinator);
        List<String> lines = new ArrayList<>(List.of(
                "# A lifecycle IT's cluster: free loopback ports, auth " + (auth ? "on" : "off") + ".",
                "coordinator:", "  port: " + coordinator, "  plain_port: " + plain,
                "auth:", "  enabled: " + auth,
                "node:", "  memory: 16m", "  threads: 1"));
        nodeLines.forEach(line -> lines.add("  " + line));
        lines.addAll(List.of(
                "cluster:", "  replication_factor: 2", "  local:", "    count: 3", "    port_initial: " + nodes));
        lines.addAll(sections);
        lines.add("");
        Path config = Files.writeString(dir.resolve("config.yaml"), String.join("\n", lines), StandardCharsets.UTF_8);
        return new LifecycleCluster(launcher(), dir, config, nodes, coordinator, plain);
    }

    public Path dataDir() {
        return dataDir;
    }

    public int nodePort(int i) {
        return nodePortInitial + i;
    }

    public int coordinatorPort() {
        return coordinatorPort;
    }

    public int coordinatorPlainPort() {
        return coordinatorPlainPort;
    }

    /** The config as up reads it, with the data folder given on the command line. */
    public MemclusterConfig config() {
        return ConfigLoader.load(configFile, System.getenv(), List.of(
                new ConfigOverride("data_dir", dataDir.toString(), "--data-dir")));
    }

    public NodeSupervisor supervisor() {
        return new NodeSupervisor(new Launcher(launcher));
    }

    /** The pid file of node {@code i} (0-based). */
    public PidFile nodePidFile(int i) {
        return new PidFile(dataDir.resolve("nodes").resolve("node-" + (i + 1)).resolve("node.pid"));
    }

    public PidFile coordinatorPidFile() {
        return new PidFile(dataDir.resolve("coordinator.pid"));
    }

    /** Remembers processes to kill at the end, in case their pid files are gone by then. */
    public void track(NodeStartReport report) {
        report.running().forEach(node -> pids.add(node.pid()));
    }

    public void track(long pid) {
        pids.add(pid);
    }

    /** {@code bin/memcluster <command> --config <file> --data-dir <dir>}, run to its end. */
    public Run run(String command) throws IOException, InterruptedException {
        return launch(command, List.of(command, "--config", configFile.toString(), "--data-dir", dataDir.toString()),
                Map.of());
    }

    /**
     * {@code bin/memcluster <arguments>} exactly as given, run to its end, with {@code env} added to
     * the environment: for the tools that take neither --config nor --data-dir the way up does.
     */
    public Run runTool(Map<String, String> env, String... arguments) throws IOException, InterruptedException {
        return launch(arguments[0], List.of(arguments), env);
    }

    private Run launch(String name, List<String> arguments, Map<String, String> env)
            throws IOException, InterruptedException {
        int n = ++runs;
        Path out = dir.resolve(n + "-" + name + ".out");
        Path err = dir.resolve(n + "-" + name + ".err");
        List<String> command = new ArrayList<>();
        command.add(launcher.toString());
        command.addAll(arguments);
        ProcessBuilder builder = new ProcessBuilder(command)
                .redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null")))
                .redirectOutput(out.toFile())
                .redirectError(err.toFile());
        builder.environment().putAll(env);
        Process process = builder.start();
        if (!process.waitFor(COMMAND_TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
            process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
            throw new AssertionError("bin/memcluster " + name + " did not end within " + COMMAND_TIMEOUT_SECONDS
                    + "s; output in " + out + " and " + err);
        }
        return new Run(process.exitValue(), Files.readString(out), Files.readString(err));
    }

    /** The pid in node {@code i}'s pid file (0-based); fails when there is none. */
    public long nodePid(int i) throws IOException {
        return nodePidFile(i).read().orElseThrow(() -> new AssertionError("no pid in " + nodePidFile(i).path()));
    }

    public long coordinatorPid() throws IOException {
        return coordinatorPidFile().read()
                .orElseThrow(() -> new AssertionError("no pid in " + coordinatorPidFile().path()));
    }

    /** The cluster CA's certificate, which clients of the coordinator's TLS port trust. */
    public Path caCertificate() {
        return dataDir.resolve("certs").resolve("ca.crt");
    }

    /**
     * The live node processes of this cluster, however they were started: their command line runs
     * the node's main class with a node.yaml under this cluster's folder. More than three means a
     * node was started twice.
     */
    public List<ProcessHandle> liveNodeProcesses() {
        return ProcessHandle.allProcesses().filter(p -> p.info().arguments().map(List::of)
                .map(a -> a.contains(ProcessIdentity.NODE_MAIN) && String.join(" ", a).contains(dir + "/"))
                .orElse(false)).toList();
    }

    /** The last lines of the coordinator's log and of each node's, for a failing test's message. */
    public String logTails() {
        List<Path> logs = new ArrayList<>();
        logs.add(dataDir.resolve("coordinator.log"));
        for (int i = 0; i < 3; i++) {
            logs.add(dataDir.resolve("nodes").resolve("node-" + (i + 1)).resolve("node.log"));
        }
        StringBuilder tails = new StringBuilder();
        for (Path log : logs) {
            tails.append(Files.exists(log) ? LogTail.since(log, 0) : "(no " + log + ")").append('\n');
        }
        return tails.toString();
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
        // And any other: a node started twice by mistake is in no pid file.
        ProcessHandle.allProcesses().filter(this::namesThisCluster).forEach(p -> all.add(p.pid()));
        List<ProcessHandle> killed = new ArrayList<>();
        for (long pid : all) {
            // Only a process of this cluster: its command line names this cluster's folder.
            ProcessHandle.of(pid).filter(ProcessHandle::isAlive).filter(this::namesThisCluster)
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

    /** Its command line names a file in this cluster's folder (a bare prefix could be another cluster's). */
    private boolean namesThisCluster(ProcessHandle process) {
        return process.info().arguments().map(a -> String.join(" ", a).contains(dir + "/")).orElse(false);
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
