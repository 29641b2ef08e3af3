package io.memcluster.coordinator.route;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.MACSigner;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import io.memcluster.auth.LoginThrottle;
import io.memcluster.auth.Permission;
import io.memcluster.auth.TokenIssuer;
import io.memcluster.auth.TokenSecret;
import io.memcluster.auth.UsersFile;
import io.memcluster.config.AuthConfig;
import io.memcluster.config.CoordinatorConfig;
import io.memcluster.config.MemclusterConfig;
import io.memcluster.coordinator.RunningCluster;
import io.memcluster.server.TestUsers;
import io.memcluster.testkit.RawClient;
import io.memcluster.time.ManualClock;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The coordinator's front end is the node's, so what a client that has not logged in can cost
 * it is bounded the same way (issue 12): the twin of the node's {@code LoginHardeningTest},
 * over the coordinator's plaintext loopback port.
 */
class LoginHardeningThroughCoordinatorTest {

    private static final String SECRET = "a-token-secret-that-is-long-enough-0123456789";

    @TempDir
    Path dataDir;

    // the login throttle's: a test waits out a throttle by advancing it
    private final ManualClock clock = new ManualClock();
    private RunningCluster cluster;

    @AfterEach
    void stop() {
        if (cluster != null) {
            cluster.close();
        }
    }

    @Test
    void megabyteLoginSetIsRefusedAtOnceInsteadOfBeingBuffered() throws Exception {
        start();
        try (RawClient client = new RawClient(cluster.port())) {
            client.send("set login 0 0 1000000\r\n" + "x".repeat(8192));

            assertThat(client.readLine()).isEqualTo("CLIENT_ERROR authentication failure: too large for a login\r\n");
            client.send("x".repeat(1_000_000 - 8192) + "\r\n");
            assertThat(client.login("alice", "alice-pw")).isEqualTo("STORED");
            assertThat(client.call("set cart.big 0 0 100000\r\n" + "v".repeat(100_000) + "\r\n", "STORED"))
                    .isEqualTo("STORED\r\n");
        }
        try (RawClient other = new RawClient(cluster.port())) {
            other.send("add cart.x 0 0 1000000\r\n" + "x".repeat(8192));
            assertThat(other.readLine()).isEqualTo("CLIENT_ERROR unauthenticated\r\n");
        }
    }

    @Test
    void tokenMintedBeforeAUserWasRemovedDoesNotLogInTheUserReAddedUnderItsName() throws Exception {
        start();
        String token = mint("alice");
        assertThat(login("alice", "jwt:" + token)).isEqualTo("STORED");

        UsersFile.load(usersFile()).remove("alice");
        UsersFile.load(usersFile()).add("alice", "new-alice-pw", List.of(Permission.parse("cart:write")));
        cluster.coordinator().reloader().requestReload();
        await().atMost(Duration.ofSeconds(10)).until(() -> login("alice", "new-alice-pw").equals("STORED"));

        assertThat(login("alice", "jwt:" + token)).isEqualTo("CLIENT_ERROR authentication failure");
        assertThat(login("alice", "jwt:" + mint("alice"))).isEqualTo("STORED");
    }

    @Test
    void tokenWhoseNotBeforeLiesInTheFutureIsRefused() throws Exception {
        start();
        long now = clock.millis();
        SignedJWT early = new SignedJWT(new JWSHeader(JWSAlgorithm.HS256), new JWTClaimsSet.Builder()
                .issuer(TokenIssuer.ISSUER).subject("alice").claim(TokenIssuer.USER_ID_CLAIM, userId("alice"))
                .notBeforeTime(new Date(now + 3_600_000)).expirationTime(new Date(now + 7_200_000)).build());
        early.sign(new MACSigner(SECRET.getBytes(StandardCharsets.UTF_8)));

        assertThat(login("alice", "jwt:" + early.serialize())).isEqualTo("CLIENT_ERROR authentication failure");
    }

    @Test
    void oneUsersSuccessDoesNotClearTheFailuresOfAnotherFromTheSameAddress() throws Exception {
        start();
        for (int i = 0; i < LoginThrottle.FREE_FAILURES; i++) {
            assertThat(login("admin", "guess-" + i)).isEqualTo("CLIENT_ERROR authentication failure");
        }
        assertThat(login("alice", "alice-pw")).isEqualTo("STORED");
        assertThat(login("admin", "guess-3")).isEqualTo("CLIENT_ERROR authentication failure");

        assertThat(login("admin", "admin-pw")).isEqualTo("CLIENT_ERROR too many failed logins, retry in 1s");
        clock.advance(LoginThrottle.FIRST_DELAY);
        assertThat(login("admin", "admin-pw")).isEqualTo("STORED");
    }

    @Test
    void sixtyGuessesSentInParallelAreNotAllChecked() throws Exception {
        start();
        List<RawClient> guesses = new ArrayList<>();
        try {
            for (int i = 0; i < 60; i++) {
                RawClient guess = new RawClient(cluster.port());
                guesses.add(guess);
                guess.send("set login 0 0 14\r\nadmin guess-" + (10 + i) + "\r\n");
            }
            Map<String, Integer> replies = new TreeMap<>();
            for (RawClient guess : guesses) {
                replies.merge(guess.readLine(), 1, Integer::sum);
            }

            assertThat(replies).isEqualTo(Map.of(
                    "CLIENT_ERROR authentication failure\r\n", LoginThrottle.FREE_FAILURES + 1,
                    "CLIENT_ERROR too many failed logins, retry in 1s\r\n", 60 - LoginThrottle.FREE_FAILURES - 1));
        } finally {
            for (RawClient guess : guesses) {
                guess.close();
            }
        }
    }

    @Test
    void aUserGuessedFromManyAddressesWaitsWhateverTheAddress() throws Exception {
        start();
        for (int i = 0; i <= LoginThrottle.FREE_FAILURES; i++) {
            assertThat(login("127.0.0." + (2 + i), "admin", "guess-" + i))
                    .isEqualTo("CLIENT_ERROR authentication failure");
        }

        assertThat(login("127.0.0.9", "admin", "admin-pw")).isEqualTo("CLIENT_ERROR too many failed logins, retry in 1s");
        assertThat(login("127.0.0.9", "alice", "alice-pw")).isEqualTo("STORED");
    }

    @Test
    void tokensAndKnownClientsLogInWhileThreeHundredAddressesFloodWrongPasswords() throws Exception {
        start();
        assertThat(login("alice", "alice-pw")).isEqualTo("STORED"); // 127.0.0.1 has logged in before
        List<RawClient> flood = new ArrayList<>();
        try (RawClient operator = new RawClient(cluster.port())) {
            assertThat(operator.login("admin", "admin-pw")).isEqualTo("STORED");
            for (int i = 0; i < 300; i++) {
                Socket socket = new Socket();
                socket.bind(new InetSocketAddress("127.0." + (1 + i / 250) + "." + (2 + i % 250), 0));
                socket.connect(new InetSocketAddress("127.0.0.1", cluster.port()), 5000);
                RawClient guess = new RawClient(socket);
                flood.add(guess);
                String data = "nobody" + i + " wrong-" + i;
                guess.send("set login 0 0 " + data.length() + "\r\n" + data + "\r\n");
            }
            // every wrong login has arrived: the password checks are as full as the flood makes them
            await().atMost(Duration.ofSeconds(20)).until(() -> authCommands(operator) >= 302);

            assertThat(login("alice", "jwt:" + mint("alice"))).isEqualTo("STORED");
            assertThat(login("alice", "alice-pw")).isEqualTo("STORED");
        } finally {
            for (RawClient guess : flood) {
                guess.close();
            }
        }
    }

    @Test
    void connectionThatNeverLogsInIsClosedAtTheLoginDeadline() throws Exception {
        start(Duration.ofMillis(300), 1024);
        try (RawClient loggedIn = new RawClient(cluster.port());
                RawClient silent = new RawClient(cluster.port())) {
            assertThat(loggedIn.login("alice", "alice-pw")).isEqualTo("STORED");
            silent.send("get cart.a\r\n");
            assertThat(silent.readLine()).isEqualTo("CLIENT_ERROR unauthenticated\r\n");

            assertThat(silent.closedByServer()).isTrue();
            // opened before the other, and past the deadline: logged in, it stays
            assertThat(loggedIn.send("version\r\n").readLine()).startsWith("VERSION");
        }
    }

    @Test
    void connectionsThatNeverLogInDoNotLockOutALegitimateClient() throws Exception {
        start(AuthConfig.DEFAULT_LOGIN_TIMEOUT, 20);
        List<Socket> idle = new ArrayList<>();
        try (RawClient first = new RawClient(cluster.port())) {
            assertThat(first.login("alice", "alice-pw")).isEqualTo("STORED");
            for (int i = 0; i < 200; i++) {
                idle.add(new Socket("127.0.0.1", cluster.port()));
            }
            // every idle one accepted: the client below is the newest, the last to be closed to make room
            await().atMost(Duration.ofSeconds(20)).until(() -> stat(first, "total_connections") >= 201);

            assertThat(login("alice", "alice-pw")).isEqualTo("STORED");
            assertThat(first.send("version\r\n").readLine()).startsWith("VERSION");
        } finally {
            for (Socket socket : idle) {
                socket.close();
            }
        }
    }

    private static long authCommands(RawClient client) throws Exception {
        return stat(client, "auth_cmds");
    }

    private static long stat(RawClient client, String name) throws Exception {
        String stats = client.call("stats\r\n", "END");
        return stats.lines().filter(line -> line.startsWith("STAT " + name + " "))
                .mapToLong(line -> Long.parseLong(line.substring(("STAT " + name + " ").length()).strip()))
                .findFirst().orElseThrow();
    }

    private String login(String username, String password) throws Exception {
        return login("127.0.0.1", username, password);
    }

    /** A login from one of loopback's many addresses. */
    private String login(String from, String username, String password) throws Exception {
        Socket socket = new Socket();
        socket.bind(new InetSocketAddress(from, 0));
        socket.connect(new InetSocketAddress("127.0.0.1", cluster.port()), 5000);
        try (RawClient client = new RawClient(socket)) {
            return client.login(username, password);
        }
    }

    private String mint(String username) {
        return new TokenIssuer(TokenSecret.of(SECRET), clock).mint(TestUsers.find(dataDir, username), Duration.ofHours(1));
    }

    private String userId(String username) {
        return TestUsers.find(dataDir, username).tokenId();
    }

    private Path usersFile() {
        return dataDir.resolve("users.json");
    }

    private void start() {
        start(AuthConfig.DEFAULT_LOGIN_TIMEOUT, 1024);
    }

    private void start(Duration loginTimeout, int maxConnections) {
        TestUsers.add(dataDir, "alice", "alice-pw", "cart:write");
        TestUsers.add(dataDir, "admin", "admin-pw", "ADMIN");
        cluster = RunningCluster.withLogins(2, 1, dataDir, config -> {
            CoordinatorConfig c = config.coordinator();
            return new MemclusterConfig(
                    config.node().withAuth(new AuthConfig(true, usersFile(), Optional.of(SECRET))
                            .withLoginLimits(loginTimeout, AuthConfig.DEFAULT_RESERVED_CONNECTIONS)),
                    new CoordinatorConfig(c.bind(), c.port(), c.plainPort(), c.threads(), maxConnections,
                            c.idleTimeout()),
                    config.cluster());
        }, clock);
    }
}
