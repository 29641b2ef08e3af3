package io.memcluster.coordinator.hint;

import static java.nio.charset.StandardCharsets.US_ASCII;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.memcluster.coordinator.link.LinkSettings;
import io.memcluster.coordinator.link.LinkTransport;
import io.memcluster.coordinator.link.NodeAddress;
import io.memcluster.coordinator.link.NodeHealth;
import io.memcluster.coordinator.link.NodePool;
import io.memcluster.protocol.Command;
import io.memcluster.protocol.MetaFlags;
import io.memcluster.server.RunningNode;
import io.memcluster.testkit.RawClient;
import io.memcluster.time.Clock;
import io.memcluster.time.Ticker;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The replay lane against a real node: hints go oldest first with their versions, a node that
 * stops in the middle keeps the rest (none lost, none counted twice), and the next round after it
 * is back finishes them.
 */
class HintReplayTest {

    private static final int HINTS = 40;
    private static final Duration WAIT = Duration.ofSeconds(20);

    private final Clock clock = Clock.system();
    private EventLoopGroup group;
    private RunningNode node;

    @BeforeEach
    void start() {
        node = RunningNode.start();
        group = new MultiThreadIoEventLoopGroup(1, LinkTransport.ioHandlerFactory());
    }

    @AfterEach
    void stop() {
        group.shutdownGracefully(0, 1, TimeUnit.SECONDS).syncUninterruptibly();
        node.close();
    }

    @Test
    void hintsGoInOrderWithTheirVersions() throws Exception {
        HintLog log = new HintLog(new HintBudget(1 << 20), Duration.ofHours(1).toMillis(), () -> { });
        // two writes of each key, the older first: the node ends with the newer
        for (int i = 0; i < HINTS; i++) {
            log.add(set("k" + i, "first", 1000 + i), clock.millis());
        }
        for (int i = 0; i < HINTS; i++) {
            log.add(set("k" + i, "second", 2000 + i), clock.millis());
        }
        log.add(delete("k0", 3000), clock.millis());
        AtomicReference<HintReplay> replay = new AtomicReference<>();
        try (NodePool pool = pool(replay)) {
            replay.set(new HintReplay(pool, group.next(), log, new ReplayPace(8, 1 << 20), clock, Ticker.system()));
            pool.start();

            await().atMost(WAIT).until(() -> log.counts().replayed() == 2 * HINTS + 1 && !replay.get().active());

            try (RawClient client = new RawClient(node.port())) {
                assertThat(client.call("gets k0\r\n", "END")).as("deleted last").isEqualTo("END\r\n");
                for (int i = 1; i < HINTS; i++) {
                    assertThat(client.call("gets k" + i + "\r\n", "END"))
                            .isEqualTo("VALUE k" + i + " 0 6 " + (2000 + i) + "\r\nsecond\r\nEND\r\n");
                }
            }
            assertThat(log.counts().queued()).isZero();
        }
    }

    @Test
    void aNodeThatStopsInTheMiddleKeepsTheRestForTheNextRound() throws Exception {
        HintLog log = new HintLog(new HintBudget(1 << 20), Duration.ofHours(1).toMillis(), () -> { });
        for (int i = 0; i < HINTS; i++) {
            log.add(set("k" + i, "v" + i, 1000 + i), clock.millis());
        }
        int bytes = set("k0", "v0", 1).bytes();
        AtomicReference<HintReplay> replay = new AtomicReference<>();
        LinkSettings settings = LinkSettings.defaults().withProbes(Duration.ofMillis(50), Duration.ofMillis(200));
        try (NodePool pool = new NodePool(new NodeAddress("node-1", "127.0.0.1", node.port()), group, null, settings,
                Ticker.system(), (address, state, reason) -> {
                    if (state == NodeHealth.State.UP && replay.get() != null) {
                        replay.get().start(true);
                    }
                })) {
            // one in flight, about ten hints a second: slow enough to stop the node in the middle
            replay.set(new HintReplay(pool, group.next(), log, new ReplayPace(1, 10L * bytes), clock,
                    Ticker.system()));
            pool.start();
            await().atMost(WAIT).until(() -> log.counts().replayed() >= 3);

            int port = node.port();
            node.close();
            await().atMost(WAIT).until(() -> !pool.isUp() && !replay.get().active());
            HintLog.Counts stopped = log.counts();
            assertThat(stopped.replayed()).isLessThan(HINTS);
            assertThat(stopped.queued() + stopped.replayed()).as("none lost, none twice: " + stopped)
                    .isEqualTo(HINTS);
            assertThat(stopped.droppedOverflow() + stopped.droppedExpired() + stopped.droppedRefused()).isZero();

            node = RunningNode.start(node.config(), Clock.system());
            assertThat(node.port()).isEqualTo(port);
            await().atMost(WAIT).until(() -> log.counts().queued() == 0 && !replay.get().active());

            assertThat(log.counts().replayed()).isGreaterThanOrEqualTo(HINTS);
            try (RawClient client = new RawClient(node.port())) {
                // those replayed before the stop were lost with the node's memory; the rest are here
                assertThat(client.call("get k" + (HINTS - 1) + "\r\n", "END"))
                        .isEqualTo("VALUE k" + (HINTS - 1) + " 0 3\r\nv" + (HINTS - 1) + "\r\nEND\r\n");
            }
        }
    }

    @Test
    void aHintTheNodeRefusesIsGivenUpAfterAFewRoundsAndTheRestGoThrough() throws Exception {
        HintLog log = new HintLog(new HintBudget(8 << 20), Duration.ofHours(1).toMillis(), () -> { });
        // larger than the node's max_item_size: SERVER_ERROR object too large, every time
        log.add(set("huge", "x".repeat(2 << 20), 999), clock.millis());
        for (int i = 0; i < HINTS; i++) {
            log.add(set("k" + i, "v" + i, 1000 + i), clock.millis());
        }
        AtomicReference<HintReplay> replay = new AtomicReference<>();
        try (NodePool pool = pool(replay)) {
            replay.set(new HintReplay(pool, group.next(), log, new ReplayPace(8, 64 << 20), clock, Ticker.system()));
            pool.start();
            await().atMost(WAIT).until(pool::isUp);

            for (int round = 0; round < 2 * Hint.MAX_REFUSALS && log.counts().queued() > 0; round++) {
                replay.get().start(true);
                await().atMost(WAIT).until(() -> !replay.get().active());
            }

            assertThat(log.counts().droppedRefused()).isEqualTo(1);
            assertThat(log.counts().replayed()).isEqualTo(HINTS);
            assertThat(log.counts().queued()).isZero();
            assertThat(log.needsDigestCatchUp()).as("the refused write is the digests' to bring").isTrue();
            try (RawClient client = new RawClient(node.port())) {
                assertThat(client.call("get k0\r\n", "END")).isEqualTo("VALUE k0 0 2\r\nv0\r\nEND\r\n");
            }
        }
    }

    private NodePool pool(AtomicReference<HintReplay> replay) {
        return new NodePool(new NodeAddress("node-1", "127.0.0.1", node.port()), group, null, LinkSettings.defaults(),
                Ticker.system(), (address, state, reason) -> {
                    if (state == NodeHealth.State.UP && replay.get() != null) {
                        replay.get().start(true);
                    }
                });
    }

    private Hint set(String key, String value, long version) {
        MetaFlags flags = MetaFlags.builder().newCas(version).flag('V').build();
        return Hint.of(new Command.MetaSet(key.getBytes(US_ASCII), value.getBytes(US_ASCII), flags), clock.millis());
    }

    private Hint delete(String key, long version) {
        return Hint.of(new Command.MetaDelete(key.getBytes(US_ASCII), MetaFlags.builder().newCas(version).flag('V')
                .build()), clock.millis());
    }
}
