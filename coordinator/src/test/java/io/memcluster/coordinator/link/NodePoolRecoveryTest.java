package io.memcluster.coordinator.link;

import static io.memcluster.coordinator.link.Commands.bytes;
import static io.memcluster.coordinator.link.Commands.mg;
import static io.memcluster.coordinator.link.Commands.ms;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.memcluster.coordinator.link.LinkFailure.Kind;
import io.memcluster.protocol.MetaStatus;
import io.memcluster.protocol.Reply;
import io.memcluster.time.Ticker;
import io.memcluster.tls.TlsProviders;
import io.netty.channel.EventLoop;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A node that stops under load and starts again on the same port: what was in flight fails at
 * once, the pool goes down (its reconnect is refused), probes back off, and the first probe
 * that succeeds brings it up with working links.
 */
class NodePoolRecoveryTest {

    @TempDir
    Path temp;

    private SecureNode node;
    private EventLoopGroup group;

    @BeforeEach
    void start() {
        node = SecureNode.start(temp.resolve("node"));
        group = new MultiThreadIoEventLoopGroup(2, LinkTransport.ioHandlerFactory());
    }

    @AfterEach
    void stop() {
        group.shutdownGracefully(0, 1, TimeUnit.SECONDS).syncUninterruptibly();
        node.close();
    }

    @Test
    void aNodeStoppedUnderLoadFailsWhatIsInFlightGoesDownAndAProbeBringsItBack() throws Exception {
        List<String> changes = new CopyOnWriteArrayList<>();
        LinkSettings settings = LinkSettings.defaults().withProbes(Duration.ofMillis(50), Duration.ofMillis(400));
        try (NodePool pool = new NodePool(node.address("node-2"), group,
                node.coordinatorTls(TlsProviders.preferred()), settings, Ticker.system(),
                (address, state, reason) -> changes.add("node " + address + " is " + state.word() + " " + reason))) {
            pool.start();
            await().atMost(Duration.ofSeconds(10)).until(pool::isUp);
            EventLoop loop = (EventLoop) group.next();
            assertThat(roundTrip(pool, loop, "before")).isTrue();

            Pump pump = new Pump(pool.linkFor(loop), mg("before", "v"), 256);
            pump.start();
            await().atMost(Duration.ofSeconds(10)).until(() -> pump.completed.get() > 1000);
            node.close();

            await().atMost(Duration.ofSeconds(10)).until(pump::stopped);
            await().atMost(Duration.ofSeconds(10)).until(() -> pump.outcomes() == pump.sent.get());
            assertThat(pump.failed.keySet()).isSubsetOf(Kind.CONNECTION_LOST, Kind.NOT_CONNECTED);
            assertThat(pump.failures(Kind.CONNECTION_LOST)).as("requests in flight when the node went").isPositive();

            await().atMost(Duration.ofSeconds(10)).until(() -> !pool.isUp());
            assertThat(changes).last().asString()
                    .startsWith("node node-2 127.0.0.1:" + node.address("x").port() + " is down after ");
            Recorded whileDown = new Recorded();
            loop.submit(() -> pool.linkFor(loop).send(mg("before"), whileDown)).get(5, TimeUnit.SECONDS);
            assertThat(whileDown.failedWith()).isEqualTo(Kind.NOT_CONNECTED);

            node.restart();
            await().atMost(Duration.ofSeconds(10)).until(pool::isUp);
            assertThat(changes).last().asString().contains("is up after a successful probe");
            for (io.netty.util.concurrent.EventExecutor each : group) {
                EventLoop other = (EventLoop) each;
                await().atMost(Duration.ofSeconds(5)).until(() -> pool.linkFor(other).isActive());
                assertThat(roundTrip(pool, other, "after")).as("requests work again").isTrue();
            }
        }
    }

    @Test
    void aNodeThatIsNotThereAtStartIsDownAndComesUpWhenItStarts() throws Exception {
        node.close();
        List<String> changes = new CopyOnWriteArrayList<>();
        LinkSettings settings = LinkSettings.defaults().withProbes(Duration.ofMillis(50), Duration.ofMillis(200));
        try (NodePool pool = new NodePool(node.address("node-3"), group,
                node.coordinatorTls(TlsProviders.preferred()), settings, Ticker.system(),
                (address, state, reason) -> changes.add(state + " " + reason))) {
            pool.start();
            await().atMost(Duration.ofSeconds(10)).until(() -> !changes.isEmpty());
            assertThat(changes.get(0)).startsWith("DOWN after a failed connect (connect failed: ");

            node.restart();
            await().atMost(Duration.ofSeconds(10)).until(pool::isUp);
            assertThat(changes).hasSize(2);
            assertThat(roundTrip(pool, (EventLoop) group.next(), "k")).isTrue();
        }
    }

    /** An ms and an mg of the same key through the link of {@code loop}, sent from the test thread. */
    private static boolean roundTrip(NodePool pool, EventLoop loop, String key) throws Exception {
        Gathered gathered = new Gathered(2);
        NodeLink link = pool.linkFor(loop);
        link.send(ms(key, bytes("value of " + key)), gathered.at(0));
        link.send(mg(key, "v"), gathered.at(1));
        gathered.all.get(10, TimeUnit.SECONDS);
        return gathered.replies[0] instanceof Reply.Meta stored && stored.status() == MetaStatus.HD
                && gathered.replies[1] instanceof Reply.Meta read
                && new String(read.data(), java.nio.charset.StandardCharsets.UTF_8).equals("value of " + key);
    }
}
