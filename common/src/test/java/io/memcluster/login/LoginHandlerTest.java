package io.memcluster.login;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.memcluster.auth.LoginThrottle;
import io.memcluster.auth.NamespaceAccess;
import io.memcluster.auth.PasswordHasher;
import io.memcluster.auth.Permission;
import io.memcluster.auth.StoredUser;
import io.memcluster.auth.TokenIssuer;
import io.memcluster.auth.TokenSecret;
import io.memcluster.auth.TokenVerifier;
import io.memcluster.auth.User;
import io.memcluster.auth.UserDirectory;
import io.memcluster.auth.Users;
import io.memcluster.logging.PerAddressLogLimiter;
import io.memcluster.protocol.Command;
import io.memcluster.protocol.TextCommandDecoder;
import io.memcluster.time.ManualClock;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.embedded.EmbeddedChannel;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The login step on an in-memory channel: replies in order, held commands, the throttle on a
 * manual clock, tokens. The channel counts as TLS unless a test says otherwise.
 */
class LoginHandlerTest {

    private static final TokenSecret SECRET = TokenSecret.of("0123456789abcdef0123456789abcdef");
    private static final PasswordHasher HASHER = new PasswordHasher();
    private static final Users USERS = Users.of(List.of(
            new StoredUser(new User("foo", List.of(Permission.ADMIN)), HASHER.hash("bar")),
            new StoredUser(new User("baaaz", List.of(Permission.parse("cart:read"))), HASHER.hash("quux"))));

    private final ManualClock clock = new ManualClock();
    private final LoginCounters counters = LoginCounters.detached();
    private final LoginService service = new LoginService(UserDirectory.of(USERS),
            Optional.of(new TokenVerifier(SECRET, clock)), new LoginThrottle(clock), counters, 2);
    private final List<Command> passedOn = new ArrayList<>();
    private NamespaceAccess access;
    private EmbeddedChannel channel;

    @AfterEach
    void close() {
        if (channel != null) {
            channel.finishAndReleaseAll();
        }
        service.close();
    }

    @Test
    void everyCommandBeforeLoginIsRefusedAndDataBlocksAreConsumed() {
        open(true);

        send("get a\r\nadd k 0 0 5\r\nhello\r\nms k 2\r\nhi\r\nversion\r\n");

        assertThat(replies()).isEqualTo("CLIENT_ERROR unauthenticated\r\n".repeat(4));
        assertThat(passedOn).isEmpty();
    }

    @Test
    void loginThenPipelinedCommandsAnswerInOrderAndTheHandlerStepsAside() {
        open(true);

        send("get before\r\nset anykey 0 0 7\r\nfoo bar\r\nget after\r\nversion\r\n");

        awaitReplies("CLIENT_ERROR unauthenticated\r\nSTORED\r\n");
        assertThat(passedOn).hasSize(2);
        assertThat(passedOn.get(0)).isInstanceOf(Command.Retrieval.class);
        assertThat(passedOn.get(1)).isInstanceOf(Command.Version.class);
        assertThat(channel.pipeline().get(LoginHandler.class)).isNull();
        assertThat(access.username()).isEqualTo("foo");
        assertThat(counters.attempts().sum()).isEqualTo(1);
    }

    @Test
    void wrongPasswordIsRefusedAndTheConnectionStaysUnauthenticated() {
        open(true);

        send("set k 0 0 8\r\nfoo nope\r\nget a\r\n");

        awaitReplies("CLIENT_ERROR authentication failure\r\nCLIENT_ERROR unauthenticated\r\n");
        assertThat(access.authenticated()).isFalse();
        assertThat(counters.failures().sum()).isEqualTo(1);
    }

    @Test
    void secondUserOfMemcachedsOwnExampleLogsIn() {
        open(true);

        send("set foo 0 0 10\r\nbaaaz quux\r\n");

        awaitReplies("STORED\r\n");
        assertThat(access.username()).isEqualTo("baaaz");
    }

    @Test
    void dataWithoutAPasswordIsABadFormat() {
        open(true);

        send("set k 0 0 3\r\nfoo\r\n");

        assertThat(replies()).isEqualTo("CLIENT_ERROR bad authentication token format\r\n");
    }

    @Test
    void passwordLoginOverPlaintextIsRefusedUnlessFromLoopback() {
        open(false); // an in-memory channel has no loopback address

        send("set k 0 0 7\r\nfoo bar\r\n");

        assertThat(replies()).startsWith("CLIENT_ERROR authentication failure: a password login over plaintext"
                + " is accepted only from loopback");
        assertThat(access.authenticated()).isFalse();
    }

    @Test
    void tokenInPlaceOfThePasswordLogsIn() {
        open(true);
        String data = "baaaz jwt:" + new TokenIssuer(SECRET, clock).mint(USERS.find("baaaz").orElseThrow(), Duration.ofHours(1));

        send("set k 0 0 " + data.length() + "\r\n" + data + "\r\n");

        awaitReplies("STORED\r\n");
        assertThat(access.username()).isEqualTo("baaaz");
    }

    @Test
    void whileThrottledEvenTheRightPasswordIsRefusedUncheckedAndToldWhy() {
        open(true);
        for (int i = 0; i <= LoginThrottle.FREE_FAILURES; i++) {
            send("set k 0 0 8\r\nfoo nope\r\n");
            awaitReplies("CLIENT_ERROR authentication failure\r\n");
        }

        // the 4th failure makes the address and the user wait a second
        send("set k 0 0 7\r\nfoo bar\r\nget a\r\n");
        assertThat(replies()).isEqualTo("CLIENT_ERROR too many failed logins, retry in 1s\r\n"
                + "CLIENT_ERROR unauthenticated\r\n");
        assertThat(counters.failures().sum()).isEqualTo(5);

        clock.advance(LoginThrottle.FIRST_DELAY);
        send("set k 0 0 7\r\nfoo bar\r\n");
        awaitReplies("STORED\r\n");
    }

    @Test
    void aPoolLoggingInAtOnceSharesOneCheckAndIsNotThrottled() {
        List<EmbeddedChannel> pool = new ArrayList<>();
        for (int i = 0; i < 10; i++) {
            open(true);
            pool.add(channel);
            send("set k 0 0 7\r\nfoo bar\r\n");
        }

        for (EmbeddedChannel connection : pool) {
            channel = connection;
            awaitReplies("STORED\r\n");
            connection.finishAndReleaseAll();
        }
        assertThat(service.throttle().waitFor("embedded")).isZero();
    }

    @Test
    void loginsSentInParallelAreThrottledBeforeTheyAreChecked() {
        List<EmbeddedChannel> guesses = new ArrayList<>();
        for (int i = 0; i < 20; i++) {
            open(true);
            guesses.add(channel);
            send(String.format("set k 0 0 10\r\nfoo nope%02d\r\n", i)); // different guesses: not one shared check
        }

        List<String> outcomes = new ArrayList<>();
        for (EmbeddedChannel guess : guesses) {
            channel = guess;
            StringBuilder reply = new StringBuilder();
            await().atMost(Duration.ofSeconds(10)).pollInterval(Duration.ofMillis(5))
                    .until(() -> reply.append(replies()).length() > 0);
            outcomes.add(reply.toString());
            guess.finishAndReleaseAll();
        }

        // four checked (three free failures and the one that starts the wait), the rest not
        assertThat(outcomes).filteredOn("CLIENT_ERROR authentication failure\r\n"::equals)
                .hasSize(LoginThrottle.FREE_FAILURES + 1);
        assertThat(outcomes).filteredOn("CLIENT_ERROR too many failed logins, retry in 1s\r\n"::equals)
                .hasSize(20 - LoginThrottle.FREE_FAILURES - 1);
    }

    @Test
    void loginSetLargerThanALoginNeedsIsRefusedBeforeItsDataArrives() {
        open(true);

        // a megabyte announced: the refusal comes with the first few kilobytes, not after all of it
        send("set login 0 0 1000000\r\n" + "x".repeat(8192));
        assertThat(replies()).isEqualTo("CLIENT_ERROR authentication failure: too large for a login\r\n");

        // the rest is swallowed, never read as commands
        send("x".repeat(1_000_000 - 8192) + "\r\nget a\r\n");
        assertThat(replies()).isEqualTo("CLIENT_ERROR unauthenticated\r\n");
        assertThat(access.authenticated()).isFalse();
    }

    @Test
    void everyStorageCommandBeforeLoginIsHeldToWhatALoginNeeds() {
        open(true);

        send("add k 0 0 100000\r\n" + "x".repeat(5000));
        assertThat(replies()).isEqualTo("CLIENT_ERROR unauthenticated\r\n");
        send("x".repeat(100_000 - 5000) + "\r\nms k 100000\r\n");
        assertThat(replies()).isEqualTo("CLIENT_ERROR unauthenticated\r\n");
        assertThat(passedOn).isEmpty();
    }

    @Test
    void longGetLineBeforeLoginClosesTheConnectionAsAnyLongLineDoes() {
        open(true);

        send("get " + "k".repeat(TextCommandDecoder.LOGIN_LINE_LENGTH + 100));

        assertThat(replies()).isEmpty();
        assertThat(channel.isOpen()).isFalse();
    }

    @Test
    void afterLoginTheFullItemSizeApplies() {
        open(true);
        send("set login 0 0 7\r\nfoo bar\r\n");
        awaitReplies("STORED\r\n");

        send("set big 0 0 100000\r\n" + "v".repeat(100_000) + "\r\n");

        assertThat(passedOn).singleElement().isInstanceOfSatisfying(Command.Storage.class,
                set -> assertThat(set.data()).hasSize(100_000));
    }

    @Test
    void largeSetPipelinedBehindTheLoginIsJudgedByTheLoginsOutcome() {
        open(true);

        send("set login 0 0 7\r\nfoo bar\r\nset big 0 0 100000\r\n" + "v".repeat(100_000) + "\r\nget a\r\n");

        awaitReplies("STORED\r\n");
        await().atMost(Duration.ofSeconds(10)).until(() -> {
            channel.runPendingTasks();
            return passedOn.size() == 2;
        });
        assertThat(passedOn.get(0)).isInstanceOfSatisfying(Command.Storage.class,
                set -> assertThat(set.data()).hasSize(100_000));
        assertThat(passedOn.get(1)).isInstanceOf(Command.Retrieval.class);
    }

    @Test
    void quitBeforeLoginCloses() {
        open(true);

        send("get a\r\nquit\r\n");

        assertThat(replies()).isEqualTo("CLIENT_ERROR unauthenticated\r\n");
        assertThat(channel.isOpen()).isFalse();
    }

    private void open(boolean tls) {
        access = NamespaceAccess.unauthenticated(service.users());
        channel = new EmbeddedChannel(new TextCommandDecoder(1 << 20), new LoginHandler(service, access, tls,
                new PerAddressLogLimiter(new ManualClock())),
                new ChannelInboundHandlerAdapter() {
                    @Override
                    public void channelRead(ChannelHandlerContext ctx, Object msg) {
                        passedOn.add((Command) msg);
                    }
                });
        channel.freezeTime();
    }

    private void send(String request) {
        channel.writeInbound(Unpooled.copiedBuffer(request, StandardCharsets.UTF_8));
    }

    /** Everything written since the last call. */
    private String replies() {
        channel.runPendingTasks();
        StringBuilder text = new StringBuilder();
        for (ByteBuf out = channel.readOutbound(); out != null; out = channel.readOutbound()) {
            text.append(out.toString(StandardCharsets.UTF_8));
            out.release();
        }
        return text.toString();
    }

    /** Password checks finish on the login pool; their replies then come through the channel's loop. */
    private void awaitReplies(String expected) {
        StringBuilder got = new StringBuilder();
        await().atMost(Duration.ofSeconds(10)).pollInterval(Duration.ofMillis(5)).until(() -> {
            got.append(replies());
            return got.length() >= expected.length();
        });
        assertThat(got.toString()).isEqualTo(expected);
    }
}
