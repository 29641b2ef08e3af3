package io.memcluster.coordinator.it;

import io.memcluster.coordinator.lifecycle.LifecycleCluster;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.List;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.TestExecutionExceptionHandler;
import org.opentest4j.TestAbortedException;

/**
 * A cluster that {@code bin/memcluster up} started, for the tests of one class (registered on a
 * static field) or of one method (on an instance field: a destructive test gets a fresh one). Every
 * failure of a test is reported with the last lines of the coordinator's and the nodes' logs, and
 * every process of the cluster is killed at the end, also when the test failed, was interrupted by
 * its timeout, or the JVM is stopping.
 */
final class UpCluster implements BeforeAllCallback, AfterAllCallback, BeforeEachCallback, AfterEachCallback,
        TestExecutionExceptionHandler {

    private final boolean auth;
    private final List<String> nodeLines;
    private final List<String> sections;
    private LifecycleCluster cluster;
    private LifecycleCluster.Run up;
    private Thread killer;
    private boolean perClass;

    private UpCluster(boolean auth, List<String> nodeLines, List<String> sections) {
        this.auth = auth;
        this.nodeLines = nodeLines;
        this.sections = sections;
    }

    /** auth.enabled: false, as memcached runs: clients that cannot log in use the plain port. */
    static UpCluster withoutLogins() {
        return new UpCluster(false, List.of(), List.of());
    }

    /**
     * Without logins, with {@code nodeLines} added under {@code node:} and {@code sections} at the
     * end of config.yaml (see {@link LifecycleCluster#create(boolean, List, List)}).
     */
    static UpCluster withoutLogins(List<String> nodeLines, List<String> sections) {
        return new UpCluster(false, nodeLines, sections);
    }

    /** auth.enabled: true: up makes the first admin and shows its password. */
    static UpCluster withLogins() {
        return new UpCluster(true, List.of(), List.of());
    }

    LifecycleCluster cluster() {
        return cluster;
    }

    /** What the first {@code up} printed. */
    LifecycleCluster.Run up() {
        return up;
    }

    int plainPort() {
        return cluster.coordinatorPlainPort();
    }

    int tlsPort() {
        return cluster.coordinatorPort();
    }

    /** The tails of the coordinator's and the nodes' logs, for an assertion's message. */
    String logs() {
        return cluster == null ? "(no cluster)" : cluster.logTails();
    }

    @Override
    public void beforeAll(ExtensionContext context) throws Exception {
        perClass = true;
        start();
    }

    @Override
    public void beforeEach(ExtensionContext context) throws Exception {
        if (!perClass) {
            start();
        }
    }

    @Override
    public void afterEach(ExtensionContext context) throws IOException {
        if (!perClass) {
            stop();
        }
    }

    @Override
    public void afterAll(ExtensionContext context) throws IOException {
        stop();
    }

    @Override
    public void handleTestExecutionException(ExtensionContext context, Throwable failure) throws Throwable {
        if (failure instanceof TestAbortedException || cluster == null) {
            throw failure;
        }
        AssertionError withLogs = new AssertionError(failure + "\n" + cluster.logTails(), failure);
        withLogs.setStackTrace(failure.getStackTrace());
        throw withLogs;
    }

    private void start() throws IOException, InterruptedException {
        cluster = LifecycleCluster.create(auth, nodeLines, sections);
        // Should the test JVM be stopped (a fork timeout, Ctrl-C), the daemons must not outlive it.
        LifecycleCluster starting = cluster;
        killer = new Thread(() -> {
            try {
                starting.close();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }, "kill-up-cluster");
        Runtime.getRuntime().addShutdownHook(killer);
        try {
            up = cluster.run("up");
            if (up.exit() != 0) {
                throw new AssertionError("bin/memcluster up failed\n" + up.transcript() + "\n" + cluster.logTails());
            }
            cluster.track(up.pidOf("coordinator", "started"));
            for (int i = 0; i < 3; i++) {
                cluster.track(up.pidOf("node-" + (i + 1), "started"));
            }
        } catch (IOException | InterruptedException | RuntimeException | Error e) {
            stop();
            throw e;
        }
    }

    private void stop() throws IOException {
        if (cluster == null) {
            return;
        }
        try {
            cluster.close();
        } finally {
            try {
                Runtime.getRuntime().removeShutdownHook(killer);
            } catch (IllegalStateException e) {
                // the JVM is stopping: the hook runs anyway, and finds nothing left
            }
            cluster = null;
        }
    }
}
