package io.memcluster.coordinator.link;

import static org.assertj.core.api.Assertions.assertThat;

import io.memcluster.coordinator.link.LinkFailure.Kind;
import io.memcluster.coordinator.link.NodeHealth.State;
import io.memcluster.time.ManualTicker;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * Up and down as the coordinator decides them, on a ManualTicker and a Random the test fixes:
 * the failure threshold, the reset on success, a failed connect, probes backing off with
 * jitter up to the cap, and up again only when a probe succeeds.
 */
class NodeHealthTest {

    private static final NodeAddress NODE = new NodeAddress("node-2", "127.0.0.1", 12002);

    private final ManualTicker ticker = new ManualTicker();
    private final FixedRandom random = new FixedRandom();
    private final List<String> announced = new ArrayList<>();
    private final NodeHealth health = new NodeHealth(NODE, LinkSettings.defaults(), ticker, random,
            (node, state, reason) -> announced.add("node " + node + " is " + state.word() + " " + reason));

    @Test
    void aNodeStartsDownAndIsAnnouncedUpWhenItsFirstConnectSucceeds() {
        assertThat(health.state()).isEqualTo(State.DOWN);
        assertThat(announced).isEmpty();

        health.probeSucceeded("VERSION 1.6.38-memcluster-0.1.0");

        assertThat(health.isUp()).isTrue();
        assertThat(announced).containsExactly(
                "node node-2 127.0.0.1:12002 is up after connecting (VERSION 1.6.38-memcluster-0.1.0)");
    }

    @Test
    void aFirstConnectThatFailsIsAnnouncedDown() {
        health.connectFailed("connect failed: Connection refused");
        assertThat(health.state()).isEqualTo(State.DOWN);
        assertThat(announced).containsExactly("node node-2 127.0.0.1:12002 is down after a failed connect "
                + "(connect failed: Connection refused)");
    }

    @Test
    void theThirdFailureInARowMarksTheNodeDown() {
        up();
        assertThat(health.requestsFailed(Kind.TIMEOUT, 1)).isFalse();
        assertThat(health.requestsFailed(Kind.CONNECTION_LOST, 40)).isFalse();
        assertThat(health.isUp()).isTrue();

        assertThat(health.requestsFailed(Kind.TIMEOUT, 12)).as("this one marks it down").isTrue();

        assertThat(health.state()).isEqualTo(State.DOWN);
        assertThat(announced).containsExactly(
                "node node-2 127.0.0.1:12002 is down after 3 failures in a row (last: timeout of 12 requests)");
        assertThat(health.requestsFailed(Kind.TIMEOUT, 1)).as("already down").isFalse();
    }

    @Test
    void aReplyInBetweenStartsTheCountAgain() {
        up();
        health.requestsFailed(Kind.TIMEOUT, 1);
        health.requestsFailed(Kind.PROTOCOL, 1);
        health.requestSucceeded();
        assertThat(health.consecutiveFailures()).isZero();
        health.requestsFailed(Kind.TIMEOUT, 1);
        health.requestsFailed(Kind.TIMEOUT, 1);
        assertThat(health.isUp()).isTrue();
    }

    @Test
    void aFullQueueIsTheCoordinatorsOverloadNotTheNodesFailure() {
        up();
        for (int i = 0; i < 10; i++) {
            health.requestsFailed(Kind.QUEUE_FULL, 1);
        }
        assertThat(health.isUp()).isTrue();
        assertThat(health.consecutiveFailures()).isZero();
    }

    @Test
    void aFailedReconnectOfANodeThatIsUpMarksItDownAtOnce() {
        up();
        health.connectFailed("TLS handshake failed: TLS: handshake timed out after 2000ms");
        assertThat(health.state()).isEqualTo(State.DOWN);
        assertThat(announced).last().asString().endsWith("is down after a failed connect "
                + "(TLS handshake failed: TLS: handshake timed out after 2000ms)");
    }

    @Test
    void probesBackOffFromTheFirstDelayDoublingToTheCap() {
        up();
        random.value = 0.5; // no jitter
        health.connectFailed("refused");
        List<Long> delays = new ArrayList<>();
        delays.add(health.untilNextProbe().toMillis());
        for (int i = 0; i < 8; i++) {
            health.probeFailed("refused");
            delays.add(health.untilNextProbe().toMillis());
        }
        assertThat(delays).containsExactly(100L, 200L, 400L, 800L, 1600L, 3200L, 5000L, 5000L, 5000L);
        assertThat(announced).as("one announcement for the whole outage").hasSize(1);
    }

    @Test
    void jitterMovesEachDelayByAtMostAFifthAndNeverPastTheCap() {
        up();
        random.value = 0.0;
        health.connectFailed("refused");
        assertThat(health.untilNextProbe()).isEqualTo(Duration.ofMillis(80));
        random.value = 0.999_999;
        health.probeFailed("refused");
        assertThat(health.untilNextProbe().toMillis()).isEqualTo(239);

        Random real = new Random(42);
        NodeHealth jittered = new NodeHealth(NODE, LinkSettings.defaults(), ticker, real, NodeHealth.Listener.NONE);
        jittered.connectFailed("refused");
        long base = 100;
        for (int i = 0; i < 12; i++) {
            long delay = jittered.untilNextProbe().toMillis();
            assertThat(delay).as("probe %d", i).isBetween((long) (base * 0.8) - 1, Math.min((long) (base * 1.2), 5000));
            jittered.probeFailed("refused");
            base = Math.min(base * 2, 5000);
        }
    }

    @Test
    void theNextProbeIsDueWhenTheTickerReachesIt() {
        up();
        random.value = 0.5;
        health.requestsFailed(Kind.TIMEOUT, 1);
        health.requestsFailed(Kind.TIMEOUT, 1);
        health.requestsFailed(Kind.TIMEOUT, 1);
        assertThat(health.probeDue()).isFalse();

        ticker.advance(Duration.ofMillis(60));
        assertThat(health.untilNextProbe()).isEqualTo(Duration.ofMillis(40));
        ticker.advance(Duration.ofMillis(40));
        assertThat(health.probeDue()).isTrue();
        assertThat(health.untilNextProbe()).isZero();
    }

    @Test
    void aNodeThatIsDownComesUpOnlyWhenAProbeSucceeds() {
        up();
        random.value = 0.5;
        health.connectFailed("refused");
        health.requestSucceeded();
        assertThat(health.isUp()).as("a late reply proves nothing").isFalse();
        health.probeFailed("refused");
        assertThat(health.isUp()).isFalse();
        assertThat(health.lastProbeFailure()).isEqualTo("refused");

        ticker.advance(Duration.ofMillis(3200));
        health.probeSucceeded("VERSION 1.6.38");

        assertThat(health.isUp()).isTrue();
        assertThat(announced).last().asString().isEqualTo(
                "node node-2 127.0.0.1:12002 is up after a successful probe, 3.2 s down (VERSION 1.6.38)");
        health.connectFailed("refused");
        assertThat(health.untilNextProbe()).as("the backoff starts again").isEqualTo(Duration.ofMillis(100));
    }

    private void up() {
        health.probeSucceeded("VERSION 1.6.38");
        announced.clear();
    }

    /** Returns the value the test sets from nextDouble(), which is all NodeHealth asks of it. */
    private static final class FixedRandom extends Random {
        private static final long serialVersionUID = 1L;
        double value = 0.5;

        @Override
        public double nextDouble() {
            return value;
        }
    }
}
