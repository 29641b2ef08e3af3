package io.memcluster.client;

import static org.assertj.core.api.Assertions.assertThat;

import io.memcluster.config.SnapshotConfig;
import io.memcluster.server.RunningNode;
import io.memcluster.server.TestUsers;
import io.memcluster.time.Clock;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code bin/memcluster snapshot} and the CLI's SNAPSHOT and FLUSH NAMESPACE, against a node with
 * TLS and logins: the login and the CA come as the CLI takes them (environment, --data-dir), one
 * line per node, exit 1 when a node could not write, and refusals in one line.
 */
class SnapshotCliTest {

    @TempDir
    Path dataDir;

    @TempDir
    Path home;

    private RunningNode node;

    private void start(Path snapshotDir) throws Exception {
        TestUsers.add(dataDir, "admin", "s3cret", "ADMIN");
        TestUsers.add(dataDir, "reader", "r3ad", "cart:read");
        var config = RunningNode.secureConfig(dataDir);
        if (snapshotDir != null) {
            config = config.withSnapshot(new SnapshotConfig(Duration.ZERO, snapshotDir));
        }
        node = RunningNode.start(config, Clock.system());
        CliRun.Result written = as("admin", "s3cret").runWithInput("set cart.1 one\nset cart.2 two\nset orders.1 o\n",
                "--ca", dataDir.resolve("certs/ca.crt").toString());
        assertThat(written.exit()).as(written.toString()).isZero();
    }

    @AfterEach
    void stop() {
        if (node != null) {
            node.close();
        }
    }

    private CliRun as(String user, String password) {
        return new CliRun(home).env("MEMCLUSTER_PORT", Integer.toString(node.port())).env("MEMCLUSTER_USER", user)
                .env("MEMCLUSTER_PASSWORD", password);
    }

    @Test
    void snapshotPrintsOneLinePerNodeWithWhatItWrote() throws Exception {
        start(null);
        CliRun.Result all = as("admin", "s3cret").snapshot("--data-dir", dataDir.toString());
        assertThat(all.exit()).as(all.toString()).isZero();
        assertThat(all.out()).matches("127\\.0\\.0\\.1:" + node.port()
                + ": ok, 2 namespaces, 3 items, \\d+(\\.\\d)? [kMG]?B in \\d+\\.\\d s\n");
        assertThat(all.err()).isEmpty();

        CliRun.Result one = as("admin", "s3cret").snapshot("--data-dir", dataDir.toString(), "orders");
        assertThat(one.out()).as(one.toString()).contains(": ok, 1 namespace, 1 item, ");
    }

    @Test
    void aNodeThatCannotWriteItsSnapshotMakesItExitOne() throws Exception {
        Path notAFolder = Files.writeString(dataDir.resolve("in-the-way"), "a file where the folder should be");
        start(notAFolder.resolve("snapshots"));
        CliRun.Result failed = as("admin", "s3cret").snapshot("--data-dir", dataDir.toString());
        assertThat(failed.exit()).as(failed.toString()).isEqualTo(1);
        assertThat(failed.out()).startsWith("127.0.0.1:" + node.port() + ": FAILED: ").endsWith("\n");
        assertThat(failed.out().lines()).hasSize(1);
    }

    @Test
    void refusalsAndUsageErrorsAreOneLineWithTheirExitCodes() throws Exception {
        start(null);
        CliRun.Result reader = as("reader", "r3ad").snapshot("--data-dir", dataDir.toString());
        assertThat(reader.exit()).as(reader.toString()).isEqualTo(3);
        assertThat(reader.err()).isEqualTo("permission denied: a snapshot needs an ADMIN user\n");

        CliRun.Result twoNamespaces = as("admin", "s3cret").snapshot("cart", "orders");
        assertThat(twoNamespaces.exit()).isEqualTo(2);
        CliRun.Result badName = as("admin", "s3cret").snapshot("--data-dir", dataDir.toString(), "no.dots");
        assertThat(badName.exit()).isEqualTo(2);
        assertThat(badName.err()).contains("invalid namespace 'no.dots'");
    }

    @Test
    void flushNamespaceIsTheServersAndNeedsWriteOnTheNamespace() throws Exception {
        start(null);
        String ca = dataDir.resolve("certs/ca.crt").toString();
        CliRun.Result refused = as("reader", "r3ad").run("--ca", ca, "flush", "namespace", "cart");
        assertThat(refused.exit()).as(refused.toString()).isEqualTo(3);
        assertThat(refused.err()).isEqualTo("permission denied: cannot write namespace cart\n");

        CliRun.Result flushed = as("admin", "s3cret").run("--ca", ca, "flush", "namespace", "cart");
        assertThat(flushed.exit()).as(flushed.toString()).isZero();
        assertThat(flushed.out()).isEqualTo("flushed namespace cart\n");
        CliRun.Result left = as("admin", "s3cret").runWithInput("get cart.1\nget orders.1\n", "--ca", ca);
        assertThat(left.out()).as(left.toString()).isEqualTo("o\n");
        assertThat(left.err()).isEqualTo("not found\n");
    }

    @Test
    void theShellTakesSnapshotToo() throws Exception {
        start(null);
        CliRun.Result r = as("admin", "s3cret").runWithInput("snapshot cart\n", "--ca",
                dataDir.resolve("certs/ca.crt").toString());
        assertThat(r.exit()).as(r.toString()).isZero();
        assertThat(r.out()).contains(": ok, 1 namespace, 2 items, ");
    }
}
