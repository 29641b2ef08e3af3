package io.memcluster.server.security;

import static org.assertj.core.api.Assertions.assertThat;

import io.memcluster.config.NodeConfig;
import io.memcluster.server.LogCapture;
import io.memcluster.server.RunningNode;
import io.memcluster.server.TestUsers;
import io.memcluster.testkit.RawClient;
import io.memcluster.time.Clock;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code memcluster users add|remove|passwd} as an operator relies on it: in force at once for
 * new logins and open connections, written to users.json hashed and owner-only, never undoing a
 * change made to the file by hand, serialised between admins, and with no password in a log.
 * (The replies themselves are in memcluster-users.txt.)
 */
class UserAdministrationOnNodeTest {

    @TempDir
    Path dataDir;

    private RunningNode node;

    @BeforeEach
    void start() {
        TestUsers.add(dataDir, "root", "s3cret", "ADMIN");
        TestUsers.add(dataDir, "reader", "r3ad", "cart:read");
        NodeConfig config = RunningNode.secureConfig(dataDir);
        node = RunningNode.start(config.withTls(config.tls().disabled()), Clock.system());
    }

    @AfterEach
    void stop() {
        node.close();
    }

    @Test
    void anAddedUserLogsInAtOnceWithItsPermissionsAndTheFileHoldsOnlyAHash() throws Exception {
        try (LogCapture log = new LogCapture()) {
            try (RawClient admin = root()) {
                assertThat(admin.call("memcluster users add bob cart:write 9\r\ntwo words\r\n", "OK")).isEqualTo("OK\r\n");
            }
            try (RawClient bob = new RawClient(node.port())) {
                assertThat(bob.login("bob", "two words")).isEqualTo("STORED");
                assertThat(bob.call("set cart.1 0 0 1\r\nx\r\n", "STORED")).isEqualTo("STORED\r\n");
                assertThat(bob.call("set orders.1 0 0 1\r\nx\r\n", "CLIENT_ERROR permission denied"))
                        .isEqualTo("CLIENT_ERROR permission denied\r\n");
            }
            assertThat(log.lines()).anySatisfy(line -> assertThat(line).contains("user 'bob' added by 'root'"))
                    .noneSatisfy(line -> assertThat(line).contains("two words"));
        }
        Path file = dataDir.resolve("users.json");
        assertThat(Files.readString(file)).contains("\"bob\"", "cart:write", "$argon2id$").doesNotContain("two words");
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file))).isEqualTo("rw-------");
    }

    @Test
    void aNewPasswordReplacesTheOldOneForNewLoginsOnly() throws Exception {
        try (RawClient reader = new RawClient(node.port())) {
            assertThat(reader.login("reader", "r3ad")).isEqualTo("STORED");
            try (RawClient admin = root()) {
                assertThat(admin.call("memcluster users passwd reader 4\r\nn3w!\r\n", "OK")).isEqualTo("OK\r\n");
            }
            assertThat(reader.call("get cart.1\r\n", "END")).as("a connection already logged in stays so")
                    .isEqualTo("END\r\n");
        }
        try (RawClient old = new RawClient(node.port())) {
            assertThat(old.login("reader", "r3ad")).isEqualTo("CLIENT_ERROR authentication failure");
        }
        try (RawClient fresh = new RawClient(node.port())) {
            assertThat(fresh.login("reader", "n3w!")).isEqualTo("STORED");
        }
    }

    @Test
    void aRemovedUserIsRefusedAtOnceEvenOnAnOpenConnection() throws Exception {
        try (RawClient reader = new RawClient(node.port())) {
            assertThat(reader.login("reader", "r3ad")).isEqualTo("STORED");
            assertThat(reader.call("get cart.1\r\n", "END")).isEqualTo("END\r\n");
            try (RawClient admin = root()) {
                assertThat(admin.call("memcluster users remove reader\r\n", "OK")).isEqualTo("OK\r\n");
            }
            assertThat(reader.call("get cart.1\r\n", "CLIENT_ERROR permission denied"))
                    .isEqualTo("CLIENT_ERROR permission denied\r\n");
        }
        try (RawClient again = new RawClient(node.port())) {
            assertThat(again.login("reader", "r3ad")).isEqualTo("CLIENT_ERROR authentication failure");
        }
        assertThat(Files.readString(dataDir.resolve("users.json"))).doesNotContain("\"reader\"");
    }

    @Test
    void aChangeKeepsWhatWasWrittenToTheFileByHandSince() throws Exception {
        // an operator's edit the node has not reloaded yet (it polls every 2 s)
        TestUsers.add(dataDir, "byhand", "h4nd", "orders:read");
        try (RawClient admin = root()) {
            assertThat(admin.call("memcluster users add ann - 3\r\nabc\r\n", "OK")).isEqualTo("OK\r\n");
            assertThat(admin.call("memcluster users list\r\n", "END"))
                    .isEqualTo("USER root ADMIN\r\nUSER reader cart:read\r\nUSER byhand orders:read\r\nUSER ann -\r\nEND\r\n");
        }
        try (RawClient byhand = new RawClient(node.port())) {
            assertThat(byhand.login("byhand", "h4nd")).isEqualTo("STORED");
        }
    }

    @Test
    void changesFromManyConnectionsAtOnceAllLand() throws Exception {
        int admins = 6;
        List<CompletableFuture<String>> replies = new ArrayList<>();
        for (int i = 0; i < admins; i++) {
            String name = "u" + i;
            replies.add(CompletableFuture.supplyAsync(() -> {
                try (RawClient admin = root()) {
                    return admin.call("memcluster users add " + name + " cart:read 4\r\npw" + name + "\r\n", "OK");
                } catch (Exception e) {
                    return e.toString();
                }
            }));
        }
        for (CompletableFuture<String> reply : replies) {
            assertThat(reply.get(30, TimeUnit.SECONDS)).isEqualTo("OK\r\n");
        }
        String file = Files.readString(dataDir.resolve("users.json"));
        for (int i = 0; i < admins; i++) {
            assertThat(file).contains("\"u" + i + "\"");
        }
    }

    @Test
    void anOversizedPasswordIsRefusedAndItsBytesAreNotReadAsCommands() throws Exception {
        try (RawClient admin = root()) {
            String password = "x".repeat(1025);
            assertThat(admin.call("memcluster users add big - 1025\r\n" + password + "\r\nmn\r\n", "MN"))
                    .isEqualTo("CLIENT_ERROR a password must be 1 to 1024 bytes\r\nMN\r\n");
        }
    }

    private RawClient root() throws Exception {
        RawClient client = new RawClient(node.port());
        assertThat(client.login("root", "s3cret")).isEqualTo("STORED");
        return client;
    }
}
