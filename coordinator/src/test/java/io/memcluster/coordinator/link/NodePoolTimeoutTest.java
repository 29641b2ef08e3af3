package io.memcluster.coordinator.link;

import static io.memcluster.coordinator.link.Commands.mg;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.memcluster.time.Ticker;
import io.netty.channel.EventLoop;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * A node that accepts connections and answers {@code version} but nothing else: each request
 * times out on the real clock, the link reconnects after each, the third timeout in a row marks
 * the node down (the {@code version} answered on each reconnect is not a success that resets
 * the count: a node that answers only that is not healthy), and since its probes succeed it
 * comes back.
 */
class NodePoolTimeoutTest {

    @Test
    void threeTimeoutsInARowMarkANodeDownAndASuccessfulProbeBringsItBack() throws Exception {
        EventLoopGroup group = new MultiThreadIoEventLoopGroup(1, LinkTransport.ioHandlerFactory());
        List<String> changes = new CopyOnWriteArrayList<>();
        LinkSettings settings = LinkSettings.defaults().withRequestTimeout(Duration.ofMillis(200))
                .withProbes(Duration.ofMillis(50), Duration.ofMillis(200));
        try (SilentNode silent = new SilentNode();
                NodePool pool = new NodePool(silent.address(), group, null, settings, Ticker.system(),
                        (node, state, reason) -> changes.add(state + " " + reason))) {
            pool.start();
            await().atMost(Duration.ofSeconds(10)).until(pool::isUp);
            EventLoop loop = (EventLoop) group.next();
            NodeLink link = pool.linkFor(loop);

            for (int timeout = 1; timeout <= 3; timeout++) {
                await().atMost(Duration.ofSeconds(5)).until(link::isActive);
                Gathered gathered = new Gathered(1);
                link.send(mg("hangs"), gathered.at(0));
                gathered.all.get(5, TimeUnit.SECONDS);
                assertThat(gathered.failures[0].kind()).as("request %d", timeout).isEqualTo(LinkFailure.Kind.TIMEOUT);
                assertThat(pool.isUp()).isEqualTo(timeout < 3);
            }

            assertThat(changes).element(1).isEqualTo("DOWN after 3 failures in a row (last: timeout of 1 request)");
            await().atMost(Duration.ofSeconds(10)).until(pool::isUp);
            assertThat(changes.get(2)).startsWith("UP after a successful probe, ").endsWith("(VERSION silent)");
            assertThat(silent.connections.get()).as("the first, two reconnects, one probe").isGreaterThanOrEqualTo(4);
        } finally {
            group.shutdownGracefully(0, 1, TimeUnit.SECONDS).syncUninterruptibly();
        }
    }
}
