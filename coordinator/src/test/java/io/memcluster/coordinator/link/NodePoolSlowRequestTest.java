package io.memcluster.coordinator.link;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.memcluster.protocol.Command;
import io.memcluster.time.Ticker;
import io.netty.channel.EventLoop;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * A slow request sent alone ({@code memcluster snapshot}) waits for its own timeout, not the
 * links' short one, on a connection of its own, and its failure does not count against the node:
 * against a node that answers {@code version} and nothing else.
 */
class NodePoolSlowRequestTest {

    @Test
    void aRequestSentAloneWaitsItsOwnTimeoutAndLeavesTheNodeUp() throws Exception {
        EventLoopGroup group = new MultiThreadIoEventLoopGroup(1, LinkTransport.ioHandlerFactory());
        LinkSettings settings = LinkSettings.defaults().withRequestTimeout(Duration.ofMillis(100));
        try (SilentNode silent = new SilentNode();
                NodePool pool = new NodePool(silent.address(), group, null, settings, Ticker.system(),
                        (node, state, reason) -> { })) {
            pool.start();
            await().atMost(Duration.ofSeconds(10)).until(pool::isUp);
            int pooled = silent.connections.get();
            EventLoop loop = (EventLoop) group.next();

            Gathered gathered = new Gathered(1);
            pool.sendAlone(loop, new Command.Snapshot(null), Duration.ofMillis(700), gathered.at(0));
            gathered.all.get(10, TimeUnit.SECONDS);

            assertThat(gathered.failures[0].kind()).isEqualTo(LinkFailure.Kind.TIMEOUT);
            assertThat(gathered.failures[0].detail()).isEqualTo("no reply within 700 ms");
            assertThat(silent.connections.get()).as("a connection of its own").isEqualTo(pooled + 1);
            assertThat(pool.isUp()).as("a slow request says nothing of the node's health").isTrue();
            assertThat(pool.health().consecutiveFailures()).isZero();
        } finally {
            group.shutdownGracefully(0, 1, TimeUnit.SECONDS).syncUninterruptibly();
        }
    }
}
