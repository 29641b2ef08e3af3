package io.memcluster.server.net;

import static org.assertj.core.api.Assertions.assertThat;

import io.memcluster.server.stats.ServerStats;
import io.memcluster.server.stats.StatsReport;
import io.memcluster.server.store.Store;
import io.memcluster.time.ManualClock;
import io.netty.channel.embedded.EmbeddedChannel;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** idle_timeout closes silent connections; scheduled time is advanced, not waited for. */
class IdleTimeoutTest {

    private static NodeContext node() {
        ManualClock clock = new ManualClock();
        Store store = new Store(8L << 20, clock);
        ServerStats stats = new ServerStats();
        StatsReport report = new StatsReport(stats, store, new StatsReport.Settings("test", "127.0.0.1", 1, 10, 1,
                1 << 20, 30, false, false, false));
        return new NodeContext(store, stats, report, new ConnectionRegistry(clock), "test", false, () -> { }, null);
    }

    /** A plaintext pipeline without logins: only the idle timeout is under test. */
    private static NodeChannelInitializer initializer(Duration idleTimeout) {
        NodeContext node = node();
        return new NodeChannelInitializer(node, 1 << 20, new ConnectionLimit(node.stats(), 10), idleTimeout, null, null);
    }

    @Test
    void aSilentConnectionIsClosedAfterTheTimeout() {
        EmbeddedChannel channel = new EmbeddedChannel(initializer(Duration.ofSeconds(30)));
        channel.advanceTimeBy(29, TimeUnit.SECONDS);
        channel.runScheduledPendingTasks();
        assertThat(channel.isOpen()).isTrue();
        channel.advanceTimeBy(2, TimeUnit.SECONDS);
        channel.runScheduledPendingTasks();
        assertThat(channel.isOpen()).isFalse();
        channel.finishAndReleaseAll();
    }

    @Test
    void withoutATimeoutAConnectionStaysOpen() {
        EmbeddedChannel channel = new EmbeddedChannel(initializer(Duration.ZERO));
        channel.advanceTimeBy(1, TimeUnit.DAYS);
        channel.runScheduledPendingTasks();
        assertThat(channel.isOpen()).isTrue();
        channel.finishAndReleaseAll();
    }
}
