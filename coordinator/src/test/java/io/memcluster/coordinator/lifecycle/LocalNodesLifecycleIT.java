package io.memcluster.coordinator.lifecycle;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import io.memcluster.config.MemclusterConfig;
import io.memcluster.server.TestTls;
import io.memcluster.testkit.RawClient;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Local nodes as real daemons through the packaged launcher: started, adopted when they run,
 * restarted alone when killed, refused where a foreign process holds the port, and stopped by
 * {@code bin/memcluster down}; {@code bin/memcluster status} between the steps. A test method here
 * is one scenario with a cluster of its own on free ports; {@link LifecycleCluster} kills whatever
 * it leaves running.
 */
@Timeout(value = 10, unit = TimeUnit.MINUTES)
class LocalNodesLifecycleIT {

    private LifecycleCluster cluster;

    @AfterEach
    void killWhatIsLeft() throws IOException {
        if (cluster != null) {
            cluster.close();
        }
    }

    @Test
    void nodesAreStartedAdoptedRestartedAloneAndStoppedWithoutEverSharingAPort() throws Exception {
        cluster = LifecycleCluster.create(true);
        MemclusterConfig config = cluster.config();
        NodeSupervisor supervisor = cluster.supervisor();
        // From an empty data folder, as a coordinator's first start in the foreground finds it.
        NodeStartReport first = supervisor.ensureRunning(config, cluster.dataDir());
        cluster.track(first);
        assertThat(first.failures()).isEmpty();
        assertThat(first.running()).extracting(LocalNodeProcess::name, LocalNodeProcess::port, LocalNodeProcess::origin)
                .containsExactly(tuple("node-1", cluster.nodePort(0), Origin.STARTED),
                        tuple("node-2", cluster.nodePort(1), Origin.STARTED),
                        tuple("node-3", cluster.nodePort(2), Origin.STARTED));
        assertThat(cluster.dataDir().resolve("certs/client.crt")).as("the cluster's certificates, made first").exists();
        for (int i = 0; i < 3; i++) {
            long pid = first.running().get(i).pid();
            assertThat(cluster.nodePidFile(i).read()).hasValue(pid);
            assertThat(sessionOf(pid)).as("node-%d leads a session of its own", i + 1).isEqualTo(pid);
        }

        NodeStartReport second = supervisor.ensureRunning(config, cluster.dataDir());
        assertThat(second.failures()).isEmpty();
        assertThat(second.running()).extracting(LocalNodeProcess::pid, LocalNodeProcess::origin)
                .containsExactly(tuple(pid(first, 0), Origin.ADOPTED), tuple(pid(first, 1), Origin.ADOPTED),
                        tuple(pid(first, 2), Origin.ADOPTED));

        kill(pid(first, 1));
        NodeStartReport third = supervisor.ensureRunning(config, cluster.dataDir());
        cluster.track(third);
        assertThat(third.failures()).isEmpty();
        assertThat(third.running()).extracting(LocalNodeProcess::name, LocalNodeProcess::origin)
                .containsExactly(tuple("node-1", Origin.ADOPTED), tuple("node-2", Origin.STARTED),
                        tuple("node-3", Origin.ADOPTED));
        assertThat(pid(third, 0)).isEqualTo(pid(first, 0));
        assertThat(pid(third, 1)).isNotEqualTo(pid(first, 1));
        assertThat(third.running().get(1).port()).isEqualTo(cluster.nodePort(1));
        assertThat(pid(third, 2)).isEqualTo(pid(first, 2));

        kill(pid(first, 2));
        try (ServerSocket foreign = new ServerSocket(cluster.nodePort(2), 50, InetAddress.getLoopbackAddress())) {
            NodeStartReport fourth = supervisor.ensureRunning(config, cluster.dataDir());
            assertThat(fourth.running()).extracting(LocalNodeProcess::name).containsExactly("node-1", "node-2");
            assertThat(fourth.failures()).singleElement().satisfies(failure -> {
                assertThat(failure.name()).isEqualTo("node-3");
                assertThat(failure.reason()).isEqualTo("port " + foreign.getLocalPort()
                        + " is in use by another process (not node-3 of this cluster); free it or change"
                        + " cluster.local.port_initial");
            });
            assertThat(cluster.nodePidFile(2).read()).as("no node was started there").hasValue(pid(first, 2));

            LifecycleCluster.Run status = cluster.run("status");
            assertThat(status.exit()).as(status.transcript()).isEqualTo(3);
            assertThat(status.lineOf("node-1")).contains(" " + pid(third, 0) + " ").contains(" running ");
            assertThat(status.lineOf("node-3")).contains("127.0.0.1:" + cluster.nodePort(2)).contains("stale pid file");
        }

        NodeStartReport fifth = supervisor.ensureRunning(config, cluster.dataDir());
        cluster.track(fifth);
        assertThat(fifth.running()).extracting(LocalNodeProcess::origin)
                .containsExactly(Origin.ADOPTED, Origin.ADOPTED, Origin.STARTED);

        LifecycleCluster.Run before = cluster.run("status");
        assertThat(before.exit()).as("the coordinator is not running: " + before.transcript()).isEqualTo(3);
        assertThat(before.out().lines()).hasSize(5).first().asString().startsWith("ROLE");
        assertThat(before.lineOf("coordinator")).matches("coordinator\\s+coordinator\\s+-\\s+127\\.0\\.0\\.1:"
                + cluster.coordinatorPort() + "\\s+not running\\s+-");
        for (int i = 0; i < 3; i++) {
            assertThat(before.lineOf("node-" + (i + 1))).matches("node\\s+node-" + (i + 1) + "\\s+" + pid(fifth, i)
                    + "\\s+127\\.0\\.0\\.1:" + cluster.nodePort(i) + "\\s+running\\s+\\d+[dhms]\\S*");
        }

        LifecycleCluster.Run down = cluster.run("down");
        assertThat(down.exit()).as(down.transcript()).isZero();
        assertThat(down.out().lines()).containsExactly("coordinator: not running",
                "node-1: stopped (pid " + pid(fifth, 0) + ")", "node-2: stopped (pid " + pid(fifth, 1) + ")",
                "node-3: stopped (pid " + pid(fifth, 2) + ")");
        for (int i = 0; i < 3; i++) {
            assertThat(ProcessHandle.of(pid(fifth, i)).filter(ProcessHandle::isAlive)).isEmpty();
            assertThat(cluster.nodePidFile(i).exists()).isFalse();
        }
        assertThat(Files.readString(cluster.dataDir().resolve("nodes/node-1/node.log"), StandardCharsets.UTF_8))
                .as("stopped by SIGTERM, as in production").contains("memcluster node stopped");

        LifecycleCluster.Run after = cluster.run("status");
        assertThat(after.exit()).isEqualTo(3);
        assertThat(after.out().lines().skip(1)).hasSize(4).allSatisfy(line -> assertThat(line).contains("not running"));
    }

    @Test
    void aPidFileNamingSomeoneElsesProcessIsStaleAndThatProcessIsNeverSignalled() throws Exception {
        cluster = LifecycleCluster.create(false);
        // What a reboot or a long outage leaves: the pid in the files now belongs to another program.
        Process stranger = new ProcessBuilder("sleep", "600").start();
        try {
            cluster.coordinatorPidFile().write(stranger.pid());
            cluster.nodePidFile(0).write(stranger.pid());

            LifecycleCluster.Run status = cluster.run("status");
            assertThat(status.exit()).as(status.transcript()).isEqualTo(3);
            assertThat(status.lineOf("coordinator")).contains("stale pid file").doesNotContain(" " + stranger.pid());
            assertThat(status.lineOf("node-1")).contains("stale pid file");
            assertThat(status.lineOf("node-2")).contains("not running");

            LifecycleCluster.Run down = cluster.run("down");
            assertThat(down.exit()).as(down.transcript()).isZero();
            assertThat(down.out().lines()).containsExactly("coordinator: not running (removed a stale pid file)",
                    "node-1: not running (removed a stale pid file)", "node-2: not running", "node-3: not running");
            assertThat(stranger.isAlive()).as("never signalled").isTrue();
            assertThat(cluster.coordinatorPidFile().exists()).isFalse();
            assertThat(cluster.nodePidFile(0).exists()).isFalse();
        } finally {
            stranger.destroyForcibly().onExit().get(30, TimeUnit.SECONDS);
        }
    }

    /**
     * The whole cluster through {@code up}, as the README's first command runs it: one line per
     * process, the first admin's password shown once (and working) when logins are on, everything
     * adopted by a second {@code up}, a killed coordinator started alone by a third, and
     * {@code down} stopping all four and removing their pid files.
     */
    @ParameterizedTest(name = "auth.enabled: {0}")
    @ValueSource(booleans = {true, false})
    void upStartsTheWholeClusterAndRunAgainStartsOnlyWhatIsMissing(boolean auth) throws Exception {
        cluster = LifecycleCluster.create(auth);

        LifecycleCluster.Run up = cluster.run("up");
        assertThat(up.exit()).as(up::transcript).isZero();
        assertThat(processLines(up)).as(up::transcript).extracting(line -> line.split(" ")[1])
                .containsExactly("node-1", "node-2", "node-3", "coordinator");
        long coordinator = up.pidOf("coordinator", "started");
        cluster.track(coordinator);
        long[] nodes = new long[3];
        for (int i = 0; i < 3; i++) {
            nodes[i] = up.pidOf("node-" + (i + 1), "started");
            cluster.track(nodes[i]);
            assertThat(up.lineOf("node-" + (i + 1))).contains("listening on 127.0.0.1:" + cluster.nodePort(i)
                    + " (mutual TLS)");
        }
        assertThat(up.lineOf("coordinator")).contains("listening on 127.0.0.1:" + cluster.coordinatorPort()
                + " (TLS) and 127.0.0.1:" + cluster.coordinatorPlainPort() + " (plaintext)");
        // Sized from the configuration by the launcher, not from the machine: node.memory 16m +
        // a quarter + connection_buffers 64m + 32m; the coordinator keeps no items: 64m + 64m.
        assertThat(jvmArguments(coordinator)).contains("-Xmx192m", "-XX:MaxDirectMemorySize=64m");
        for (long node : nodes) {
            assertThat(jvmArguments(node)).contains("-Xmx116m", "-XX:MaxDirectMemorySize=64m");
        }
        Path users = cluster.dataDir().resolve("users.json");
        if (auth) {
            String password = up.adminPassword();
            assertThat(users).exists();
            for (Path log : logs()) {
                assertThat(Files.readString(log)).as(log + " never holds the password").doesNotContain(password);
            }
            try (RawClient client = RawClient.tls(cluster.coordinatorPort(),
                    TestTls.trusting(cluster.caCertificate()))) {
                assertThat(client.call("get cart.1\r\n", "CLIENT_ERROR unauthenticated"))
                        .isEqualTo("CLIENT_ERROR unauthenticated\r\n");
                assertThat(client.login("admin", password)).as("the password shown logs the admin in")
                        .isEqualTo("STORED");
                assertThat(client.call("get cart.1\r\n", "END")).isEqualTo("END\r\n");
            }
        } else {
            assertThat(up.out()).as(up::transcript).doesNotContain("password");
            assertThat(users).doesNotExist();
            try (RawClient client = new RawClient(cluster.coordinatorPlainPort())) {
                assertThat(client.call("get cart.1\r\n", "END")).as("no login needed").isEqualTo("END\r\n");
            }
        }

        LifecycleCluster.Run again = cluster.run("up");
        assertThat(again.exit()).as(again::transcript).isZero();
        assertThat(again.out().lines()).as("nothing made, nothing started: " + again.transcript())
                .hasSize(4).allSatisfy(line -> assertThat(line).contains(" already running (pid "));
        assertThat(again.out()).doesNotContain("password");
        assertThat(again.pidOf("coordinator", "already running")).isEqualTo(coordinator);
        for (int i = 0; i < 3; i++) {
            assertThat(again.pidOf("node-" + (i + 1), "already running")).isEqualTo(nodes[i]);
        }

        LifecycleCluster.Run status = cluster.run("status");
        assertThat(status.exit()).as(status::transcript).isZero();
        assertThat(status.out().lines().skip(1)).hasSize(4).allSatisfy(line -> assertThat(line).contains(" running "));
        assertThat(status.lineOf("coordinator")).contains(" " + coordinator + " ");
        for (int i = 0; i < 3; i++) {
            assertThat(status.lineOf("node-" + (i + 1))).contains(" " + nodes[i] + " ");
        }

        kill(coordinator);
        LifecycleCluster.Run restart = cluster.run("up");
        assertThat(restart.exit()).as(restart::transcript).isZero();
        long restarted = restart.pidOf("coordinator", "started");
        cluster.track(restarted);
        for (int i = 0; i < 3; i++) {
            assertThat(restart.pidOf("node-" + (i + 1), "already running"))
                    .as("nodes outlive the coordinator").isEqualTo(nodes[i]);
        }

        LifecycleCluster.Run down = cluster.run("down");
        assertThat(down.exit()).as(down::transcript).isZero();
        assertThat(down.out().lines()).containsExactly("coordinator: stopped (pid " + restarted + ")",
                "node-1: stopped (pid " + nodes[0] + ")", "node-2: stopped (pid " + nodes[1] + ")",
                "node-3: stopped (pid " + nodes[2] + ")");
        assertThat(ProcessHandle.of(restarted).filter(ProcessHandle::isAlive)).isEmpty();
        assertThat(cluster.coordinatorPidFile().exists()).isFalse();
        for (int i = 0; i < 3; i++) {
            assertThat(ProcessHandle.of(nodes[i]).filter(ProcessHandle::isAlive)).as("node-%d", i + 1).isEmpty();
            assertThat(cluster.nodePidFile(i).exists()).as("node-%d's pid file", i + 1).isFalse();
        }
    }

    /** up's lines about a process ({@code memcluster: node-1 started (pid N), ...}), not the certificates'. */
    private static List<String> processLines(LifecycleCluster.Run run) {
        return run.out().lines()
                .filter(line -> line.matches("memcluster: \\S+ (started|already running) \\(pid \\d+\\).*")).toList();
    }

    private List<Path> logs() throws IOException {
        try (Stream<Path> files = Files.walk(cluster.dataDir())) {
            return files.filter(f -> f.toString().endsWith(".log")).toList();
        }
    }

    /** SIGKILL, as a crash or the OOM killer would, and its end awaited. */
    private void kill(long pid) throws Exception {
        ProcessHandle process = ProcessHandle.of(pid).orElseThrow();
        process.destroyForcibly();
        process.onExit().get(30, TimeUnit.SECONDS);
    }

    private static long pid(NodeStartReport report, int i) {
        return report.running().get(i).pid();
    }

    /** The session id in /proc/PID/stat (field 6, after the parenthesized command name). */
    private static long sessionOf(long pid) throws IOException {
        String stat = Files.readString(Path.of("/proc", Long.toString(pid), "stat"));
        List<String> fields = List.of(stat.substring(stat.lastIndexOf(')') + 2).split(" "));
        return Long.parseLong(fields.get(3));
    }

    private static List<String> jvmArguments(long pid) {
        return List.of(ProcessHandle.of(pid).orElseThrow().info().arguments().orElseThrow());
    }
}
