package io.memcluster.server.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import io.memcluster.auth.Permission;
import io.memcluster.auth.UsersFile;
import io.memcluster.server.LogCapture;
import io.memcluster.server.RunningNode;
import io.memcluster.server.TestTls;
import io.memcluster.server.TestUsers;
import io.memcluster.testkit.RawClient;
import io.memcluster.time.Clock;
import java.io.IOException;
import java.net.ConnectException;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** users.json on a running node: created, hashed, upgraded, refused, reloaded. */
class UsersOnNodeTest {

    private static final Pattern GENERATED = Pattern.compile("^ {4}([A-Za-z0-9]{20})$", Pattern.MULTILINE);

    @TempDir
    Path dataDir;

    @Test
    void firstStartCreatesAnAdminWhosePasswordIsShownOnceAndWorks() throws Exception {
        String password;
        try (RunningNode node = RunningNode.start(RunningNode.secureConfig(dataDir), Clock.system())) {
            Matcher shown = GENERATED.matcher(node.console());
            assertThat(shown.find()).as("password on the console:%n%s", node.console()).isTrue();
            password = shown.group(1);
            assertThat(Files.readString(dataDir.resolve("users.json"))).contains("\"admin\"", "$argon2id$")
                    .doesNotContain(password);
            try (RawClient client = RawClient.tls(node.port(), TestTls.trusting(TestTls.ca(dataDir)))) {
                assertThat(client.login("admin", password)).isEqualTo("STORED");
                assertThat(client.call("flush_all\r\n", "OK")).isEqualTo("OK\r\n");
            }
        }
        try (RunningNode again = RunningNode.start(RunningNode.secureConfig(dataDir), Clock.system())) {
            assertThat(again.console()).as("shown only once").isEmpty();
        }
    }

    @Test
    void plaintextPasswordIsAcceptedWithAWarningAndTheFileRewrittenHashed() throws Exception {
        Files.writeString(dataDir.resolve("users.json"),
                "[{\"username\": \"foo\", \"password\": \"bar\", \"perms\": [\"ADMIN\"]}]\n");

        try (LogCapture log = new LogCapture();
                RunningNode node = RunningNode.start(RunningNode.secureConfig(dataDir), Clock.system())) {
            assertThat(log.lines()).anySatisfy(line -> assertThat(line)
                    .startsWith("WARN").contains("user 'foo' has a plaintext password"));
            assertThat(Files.readString(dataDir.resolve("users.json"))).contains("$argon2id$")
                    .doesNotContain("\"bar\"");
            try (RawClient client = RawClient.tls(node.port(), TestTls.trusting(TestTls.ca(dataDir)))) {
                assertThat(client.login("foo", "bar")).isEqualTo("STORED");
            }
        }
    }

    @Test
    void malformedUsersFileStopsTheStartWithTheReason() throws Exception {
        Files.writeString(dataDir.resolve("users.json"), "[{\"username\": \"foo\", \"password\": \"bar\",\n");
        var config = RunningNode.secureConfig(dataDir);

        assertThatThrownBy(() -> RunningNode.start(config, Clock.system()))
                .hasMessageStartingWith("refusing to start without usable users: " + dataDir.resolve("users.json")
                        + ": is not valid JSON at line 2");
        // and it does not listen: never open, not even briefly
        assertThatThrownBy(() -> new Socket("127.0.0.1", config.port()).close()).isInstanceOf(ConnectException.class);
    }

    @Test
    void invalidEntryStopsTheStartNamingTheEntry() throws Exception {
        Files.writeString(dataDir.resolve("users.json"),
                "[{\"username\": \"foo\", \"password\": \"bar\", \"perms\": [\"cart:admin\"]}]\n");

        assertThatThrownBy(() -> RunningNode.start(RunningNode.secureConfig(dataDir), Clock.system()))
                .hasMessageContaining("entry [0] 'foo': unknown permission 'cart:admin'");
    }

    @Test
    void anEmptyUsersFileStopsTheStart() throws Exception {
        Files.writeString(dataDir.resolve("users.json"), "[]\n");
        var config = RunningNode.secureConfig(dataDir);

        assertThatThrownBy(() -> RunningNode.start(config, Clock.system()))
                .hasMessageStartingWith("refusing to start without usable users: " + dataDir.resolve("users.json")
                        + ": holds no users (at least one is needed");
        assertThatThrownBy(() -> new Socket("127.0.0.1", config.port()).close()).isInstanceOf(ConnectException.class);
    }

    @Test
    void aUsersFileWithoutAnAdminStopsTheStart() throws Exception {
        TestUsers.add(dataDir, "alice", "alice-pw", "cart:write");

        assertThatThrownBy(() -> RunningNode.start(RunningNode.secureConfig(dataDir), Clock.system()))
                .hasMessageContaining(dataDir.resolve("users.json") + ": has no user with ADMIN");
    }

    @Test
    void anEmptyOrAdminlessFileWhileRunningIsRefusedAndTheUsersStay() throws Exception {
        TestUsers.add(dataDir, "root", "root-pw", "ADMIN");
        try (LogCapture log = new LogCapture();
                RunningNode node = RunningNode.start(RunningNode.secureConfig(dataDir), Clock.system())) {
            Files.writeString(dataDir.resolve("users.json"), "[]\n");
            node.server().reloader().reloadChanged();
            assertThat(log.lines()).anySatisfy(line -> assertThat(line).startsWith(
                    "ERROR io.memcluster.auth.UserDirectory users not reloaded, the previous 1 users stay in force: "
                            + dataDir.resolve("users.json") + ": holds no users"));
            assertThat(login(node, "root", "root-pw")).isEqualTo("STORED");

            TestUsers.add(dataDir, "alice", "alice-pw", "cart:write");
            node.server().reloader().reloadChanged();
            assertThat(log.lines()).anySatisfy(line -> assertThat(line).contains(": has no user with ADMIN"));
            assertThat(login(node, "root", "root-pw")).isEqualTo("STORED");
            assertThat(login(node, "alice", "alice-pw")).isEqualTo("CLIENT_ERROR authentication failure");
        }
    }

    @Test
    void usersAddedWhileRunningCanLogInWithinAFewSeconds() throws Exception {
        TestUsers.add(dataDir, "first", "first-pw", "ADMIN");
        try (RunningNode node = RunningNode.start(RunningNode.secureConfig(dataDir), Clock.system())) {
            TestUsers.add(dataDir, "second", "second-pw", "cart:read");

            await().atMost(Duration.ofSeconds(15)).pollInterval(Duration.ofMillis(200))
                    .until(() -> login(node, "second", "second-pw").equals("STORED"));
        }
    }

    @Test
    void changedGrantsApplyToConnectionsAlreadyLoggedIn() throws Exception {
        TestUsers.add(dataDir, "root", "root-pw", "ADMIN");
        TestUsers.add(dataDir, "alice", "alice-pw", "cart:read");
        try (RunningNode node = RunningNode.start(RunningNode.secureConfig(dataDir), Clock.system());
                RawClient alice = RawClient.tls(node.port(), TestTls.trusting(TestTls.ca(dataDir)))) {
            assertThat(alice.login("alice", "alice-pw")).isEqualTo("STORED");
            assertThat(alice.call("set cart.x 0 0 1\r\nz\r\n", "CLIENT_ERROR permission denied"))
                    .isEqualTo("CLIENT_ERROR permission denied\r\n");

            UsersFile file = UsersFile.load(dataDir.resolve("users.json"));
            file.remove("alice");
            UsersFile.load(dataDir.resolve("users.json")).add("alice", "alice-pw",
                    List.of(Permission.parse("cart:write")));
            node.server().reloader().requestReload(); // what SIGHUP does

            // one reply line per try: a try that comes before the reload is answered permission denied
            await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> {
                alice.send("set cart.x 0 0 1\r\nz\r\n");
                assertThat(alice.readLine()).isEqualTo("STORED\r\n");
            });
        }
    }

    @Test
    void brokenFileWhileRunningIsRefusedAndTheUsersStay() throws Exception {
        TestUsers.add(dataDir, "root", "root-pw", "ADMIN");
        TestUsers.add(dataDir, "alice", "alice-pw", "cart:read");
        try (LogCapture log = new LogCapture();
                RunningNode node = RunningNode.start(RunningNode.secureConfig(dataDir), Clock.system())) {
            Files.writeString(dataDir.resolve("users.json"), "[{\"username\":");
            node.server().reloader().reloadChanged();

            assertThat(log.lines()).anySatisfy(line -> assertThat(line).startsWith(
                    "ERROR io.memcluster.auth.UserDirectory users not reloaded, the previous 2 users stay in force: "
                            + dataDir.resolve("users.json") + ": is not valid JSON"));
            assertThat(login(node, "alice", "alice-pw")).isEqualTo("STORED");
        }
    }

    private String login(RunningNode node, String user, String password) throws IOException {
        try (RawClient client = RawClient.tls(node.port(), TestTls.trusting(TestTls.ca(dataDir)))) {
            return client.login(user, password);
        }
    }
}
