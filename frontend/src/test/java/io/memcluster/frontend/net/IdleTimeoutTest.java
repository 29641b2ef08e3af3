package io.memcluster.frontend.net;

import static org.assertj.core.api.Assertions.assertThat;

import io.memcluster.frontend.request.CommandExecutor;
import io.memcluster.frontend.stats.FrontendStats;
import io.memcluster.logging.PerAddressLogLimiter;
import io.memcluster.time.ManualClock;
import io.netty.channel.embedded.EmbeddedChannel;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** idle_timeout closes silent connections; scheduled time is advanced, not waited for. */
class IdleTimeoutTest {

    /** A plaintext pipeline without logins whose executor answers nothing: only the idle timeout is under test. */
    private static FrontendChannelInitializer initializer(Duration idleTimeout) {
        FrontendStats stats = new FrontendStats();
        CommandExecutor.Factory silent = connection -> (command, slot) -> slot.complete();
        return new FrontendChannelInitializer(silent, stats, new ConnectionRegistry(new ManualClock()), 1 << 20,
                new ConnectionLimit(stats, 10), idleTimeout, null, null,
                new PerAddressLogLimiter(new ManualClock()));
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
