package io.memcluster.server.security;

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
 * What a client that has not logged in can cost a server, over real sockets (issue 12): each test
 * is named after the problem it guards against. Node and coordinator share the front end, so
 * {@code LoginHardeningTest} and {@code LoginHardeningThroughCoordinatorTest} run these same
 * scenarios, each against its own server. The tests are public because the coordinator's
 * subclass lives in another package.
 */
public abstract class LoginHardeningScenarios {

    protected static final String SECRET = "a-token-secret-that-is-long-enough-0123456789";

    @TempDir
    protected Path dataDir;

    // the login throttle's: a test waits out a throttle by advancing it
    protected final ManualClock clock = new ManualClock();

    /**
     * Starts the server with {@link #usersFile()}, {@link #SECRET}, {@link #clock}, these login
     * limits and room for this many connections.
     */
    protected abstract void startServer(Duration loginTimeout, int maxConnections);

    protected abstract void stopServer();

    /** The port that takes plaintext logins. */
    protected abstract int plainPort();

    /** The port most clients use: the node's TLS port, the coordinator's only one. */
    protected abstract int mainPort();

    protected abstract RawClient connectToMainPort() throws Exception;

    /** Asks the server to read {@link #usersFile()} again, as an operator would after editing it. */
    protected abstract void reloadUsers();

    /** A TLS connection that never starts its handshake, where the server has a TLS port. */
    protected Optional<Socket> connectTlsWithoutHandshake() throws Exception {
        return Optional.empty();
    }

    @AfterEach
    public void stop() {
        stopServer();
    }

    @Test
    public void megabyteLoginSetIsRefusedAtOnceInsteadOfBeingBuffered() throws Exception {
        start();
        try (RawClient client = connectToMainPort()) {
            client.send("set login 0 0 1000000\r\n" + "x".repeat(8192));

            assertThat(client.readLine()).isEqualTo("CLIENT_ERROR authentication failure: too large for a login\r\n");
            client.send("x".repeat(1_000_000 - 8192) + "\r\n");
            assertThat(client.login("alice", "alice-pw")).isEqualTo("STORED");
            assertThat(client.call("set cart.big 0 0 100000\r\n" + "v".repeat(100_000) + "\r\n", "STORED"))
                    .isEqualTo("STORED\r\n");
        }
        try (RawClient plain = new RawClient(plainPort())) {
            plain.send("add cart.x 0 0 1000000\r\n" + "x".repeat(8192));
            assertThat(plain.readLine()).isEqualTo("CLIENT_ERROR unauthenticated\r\n");
        }
    }

    @Test
    public void tokenMintedBeforeAUserWasRemovedDoesNotLogInTheUserReAddedUnderItsName() throws Exception {
        start();
        String token = mint("alice");
        assertThat(login("alice", "jwt:" + token)).isEqualTo("STORED");

        UsersFile.load(usersFile()).remove("alice");
        UsersFile.load(usersFile()).add("alice", "new-alice-pw", List.of(Permission.parse("cart:write")));
        reloadUsers();
        await().atMost(Duration.ofSeconds(10)).until(() -> login("alice", "new-alice-pw").equals("STORED"));

        assertThat(login("alice", "jwt:" + token)).isEqualTo("CLIENT_ERROR authentication failure");
        assertThat(login("alice", "jwt:" + mint("alice"))).isEqualTo("STORED");
    }

    @Test
    public void tokenWhoseNotBeforeLiesInTheFutureIsRefused() throws Exception {
        start();
        long now = clock.millis();
        SignedJWT early = new SignedJWT(new JWSHeader(JWSAlgorithm.HS256), new JWTClaimsSet.Builder()
                .issuer(TokenIssuer.ISSUER).subject("alice").claim(TokenIssuer.USER_ID_CLAIM, userId("alice"))
                .notBeforeTime(new Date(now + 3_600_000)).expirationTime(new Date(now + 7_200_000)).build());
        early.sign(new MACSigner(SECRET.getBytes(StandardCharsets.UTF_8)));

        assertThat(login("alice", "jwt:" + early.serialize())).isEqualTo("CLIENT_ERROR authentication failure");
    }

    @Test
    public void oneUsersSuccessDoesNotClearTheFailuresOfAnotherFromTheSameAddress() throws Exception {
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
    public void sixtyGuessesSentInParallelAreNotAllChecked() throws Exception {
        start();
        List<RawClient> guesses = new ArrayList<>();
        try {
            for (int i = 0; i < 60; i++) {
                RawClient guess = new RawClient(plainPort());
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
    public void aUserGuessedFromManyAddressesWaitsWhateverTheAddress() throws Exception {
        start();
        for (int i = 0; i <= LoginThrottle.FREE_FAILURES; i++) {
            assertThat(login("127.0.0." + (2 + i), "admin", "guess-" + i))
                    .isEqualTo("CLIENT_ERROR authentication failure");
        }

        assertThat(login("127.0.0.9", "admin", "admin-pw")).isEqualTo("CLIENT_ERROR too many failed logins, retry in 1s");
        assertThat(login("127.0.0.9", "alice", "alice-pw")).isEqualTo("STORED");
    }

    @Test
    public void tokensAndKnownClientsLogInWhileThreeHundredAddressesFloodWrongPasswords() throws Exception {
        start();
        assertThat(login("alice", "alice-pw")).isEqualTo("STORED"); // 127.0.0.1 has logged in before
        List<RawClient> flood = new ArrayList<>();
        try (RawClient operator = new RawClient(plainPort())) {
            assertThat(operator.login("admin", "admin-pw")).isEqualTo("STORED");
            for (int i = 0; i < 300; i++) {
                Socket socket = new Socket();
                socket.bind(new InetSocketAddress("127.0." + (1 + i / 250) + "." + (2 + i % 250), 0));
                socket.connect(new InetSocketAddress("127.0.0.1", plainPort()), 5000);
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
    public void connectionThatNeverLogsInIsClosedAtTheLoginDeadline() throws Exception {
        start(Duration.ofMillis(300), 1024);
        try (RawClient loggedIn = new RawClient(plainPort())) {
            Optional<Socket> silentTls = connectTlsWithoutHandshake();
            try (RawClient silentPlain = new RawClient(plainPort())) {
                assertThat(loggedIn.login("alice", "alice-pw")).isEqualTo("STORED");
                silentPlain.send("get cart.a\r\n");
                assertThat(silentPlain.readLine()).isEqualTo("CLIENT_ERROR unauthenticated\r\n");

                assertThat(silentPlain.closedByServer()).isTrue();
                if (silentTls.isPresent()) {
                    silentTls.get().setSoTimeout(5000);
                    assertThat(silentTls.get().getInputStream().read()).isEqualTo(-1);
                }
                // opened before the others, and past the deadline: logged in, it stays
                assertThat(loggedIn.send("version\r\n").readLine()).startsWith("VERSION");
            } finally {
                if (silentTls.isPresent()) {
                    silentTls.get().close();
                }
            }
        }
    }

    @Test
    public void connectionsThatNeverLogInDoNotLockOutALegitimateClient() throws Exception {
        start(AuthConfig.DEFAULT_LOGIN_TIMEOUT, 20);
        List<Socket> idle = new ArrayList<>();
        try (RawClient first = connectToMainPort()) {
            assertThat(first.login("alice", "alice-pw")).isEqualTo("STORED");
            for (int i = 0; i < 200; i++) {
                idle.add(new Socket("127.0.0.1", mainPort())); // on a TLS port, they never handshake
            }
            // every idle one accepted: the client below is the newest, the last to be closed to make room
            await().atMost(Duration.ofSeconds(20)).until(() -> stat(first, "total_connections") >= 201);

            try (RawClient client = connectToMainPort()) {
                assertThat(client.login("alice", "alice-pw")).isEqualTo("STORED");
            }
            assertThat(first.send("version\r\n").readLine()).startsWith("VERSION");
        } finally {
            for (Socket socket : idle) {
                socket.close();
            }
        }
    }

    protected Path usersFile() {
        return dataDir.resolve("users.json");
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
        socket.connect(new InetSocketAddress("127.0.0.1", plainPort()), 5000);
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

    private void start() {
        start(AuthConfig.DEFAULT_LOGIN_TIMEOUT, 1024);
    }

    private void start(Duration loginTimeout, int maxConnections) {
        TestUsers.add(dataDir, "alice", "alice-pw", "cart:write");
        TestUsers.add(dataDir, "admin", "admin-pw", "ADMIN");
        startServer(loginTimeout, maxConnections);
    }
}
