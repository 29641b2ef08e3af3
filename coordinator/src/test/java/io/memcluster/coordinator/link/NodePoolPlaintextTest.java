package io.memcluster.coordinator.link;

import static io.memcluster.coordinator.link.Commands.bytes;
import static io.memcluster.coordinator.link.Commands.get;
import static io.memcluster.coordinator.link.Commands.mg;
import static io.memcluster.coordinator.link.Commands.ms;
import static io.memcluster.coordinator.link.Commands.stats;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.memcluster.protocol.MetaStatus;
import io.memcluster.protocol.Reply;
import io.memcluster.server.RunningNode;
import io.memcluster.time.Ticker;
import io.netty.channel.DefaultEventLoop;
import io.netty.channel.EventLoop;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.nio.NioIoHandler;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Plaintext links (a null SslContext), for nodes on a trusted network: one link per loop, sends
 * from other threads hop to the link's loop, and listings come element by element from a real
 * node.
 */
class NodePoolPlaintextTest {

    private static RunningNode node;
    private static EventLoopGroup group;

    @BeforeAll
    static void start() {
        node = RunningNode.start();
        group = new MultiThreadIoEventLoopGroup(2, LinkTransport.ioHandlerFactory());
    }

    @AfterAll
    static void stop() {
        if (group != null) {
            group.shutdownGracefully(0, 1, TimeUnit.SECONDS).syncUninterruptibly();
        }
        if (node != null) {
            node.close();
        }
    }

    @Test
    void eachLoopHasItsOwnLinkAndSendsFromElsewhereHopToIt() throws Exception {
        try (NodePool pool = pool()) {
            List<NodeLink> links = new ArrayList<>();
            for (io.netty.util.concurrent.EventExecutor executor : group) {
                NodeLink link = pool.linkFor((EventLoop) executor);
                assertThat(link.eventLoop()).isSameAs(executor);
                links.add(link);
            }
            assertThat(links.get(0)).isNotSameAs(links.get(1));

            CompletableFuture<Thread> calledOn = new CompletableFuture<>();
            Gathered gathered = new Gathered(2);
            NodeLink link = links.get(1);
            link.send(ms("plain.k", bytes("v1")), gathered.at(0));
            link.send(mg("plain.k", "v"), new ReplyCallback() {
                @Override
                public void completed(Reply reply) {
                    calledOn.complete(Thread.currentThread());
                    gathered.at(1).completed(reply);
                }

                @Override
                public void failed(LinkFailure failure) {
                    gathered.at(1).failed(failure);
                }
            });
            gathered.all.get(10, TimeUnit.SECONDS);

            assertThat(((Reply.Meta) gathered.replies[0]).status()).isEqualTo(MetaStatus.HD);
            assertThat(new String(((Reply.Meta) gathered.replies[1]).data(), StandardCharsets.UTF_8)).isEqualTo("v1");
            assertThat(link.eventLoop().inEventLoop(calledOn.get(1, TimeUnit.SECONDS))).as("on the link's loop").isTrue();
        }
    }

    @Test
    void aLoopOutsideTheGroupGetsOneOfTheLinks() throws Exception {
        DefaultEventLoop stranger = new DefaultEventLoop();
        try (NodePool pool = pool()) {
            NodeLink link = pool.linkFor(stranger);
            assertThat(link).isSameAs(pool.linkFor(stranger));
            assertThat(link.eventLoop()).isNotSameAs(stranger);
        } finally {
            stranger.shutdownGracefully(0, 1, TimeUnit.SECONDS);
        }
    }

    @Test
    void anNioGroupWorksWhereEpollIsAvailableSinceTheChannelClassFollowsTheLoop() throws Exception {
        EventLoopGroup nio = new MultiThreadIoEventLoopGroup(1, NioIoHandler.newFactory());
        try (NodePool pool = new NodePool(new NodeAddress("plain-1", "127.0.0.1", node.port()), nio, null,
                LinkSettings.defaults(), Ticker.system(), NodeHealth.Listener.NONE)) {
            pool.start();
            await().atMost(Duration.ofSeconds(10)).until(pool::isUp);
            Gathered gathered = new Gathered(1);
            pool.linkFor((EventLoop) nio.next()).send(mg("nio.none"), gathered.at(0));
            gathered.all.get(10, TimeUnit.SECONDS);
            assertThat(((Reply.Meta) gathered.replies[0]).status()).isEqualTo(MetaStatus.EN);
        } finally {
            nio.shutdownGracefully(0, 1, TimeUnit.SECONDS).syncUninterruptibly();
        }
    }

    @Test
    void listingsFromARealNodeArriveElementByElement() throws Exception {
        try (NodePool pool = pool()) {
            NodeLink link = pool.linkFor((EventLoop) group.next());
            Gathered stored = new Gathered(2);
            link.send(ms("list.a", bytes("1")), stored.at(0));
            link.send(ms("list.b", bytes("22")), stored.at(1));
            stored.all.get(10, TimeUnit.SECONDS);

            CompletableFuture<List<Reply>> values = listing(link, get("list.a", "list.none", "list.b"));
            CompletableFuture<List<Reply>> statLines = listing(link, stats());

            assertThat(values.get(10, TimeUnit.SECONDS)).hasSize(3).last().isEqualTo(Reply.End.INSTANCE);
            assertThat(statLines.get(10, TimeUnit.SECONDS)).hasSizeGreaterThan(10)
                    .anyMatch(r -> r instanceof Reply.Stat s && s.name().equals("cmd_set"))
                    .last().isEqualTo(Reply.End.INSTANCE);
        }
    }

    private static NodePool pool() {
        NodePool pool = new NodePool(new NodeAddress("plain-1", "127.0.0.1", node.port()), group, null,
                LinkSettings.defaults(), Ticker.system(), NodeHealth.Listener.NONE);
        pool.start();
        await().atMost(Duration.ofSeconds(10)).until(pool::isUp);
        return pool;
    }

    /** Every element and then the end, as one list. */
    private static CompletableFuture<List<Reply>> listing(NodeLink link, io.memcluster.protocol.Command command) {
        CompletableFuture<List<Reply>> done = new CompletableFuture<>();
        List<Reply> elements = new ArrayList<>();
        link.send(command, new ReplyCallback() {
            @Override
            public void element(Reply element) {
                elements.add(element);
            }

            @Override
            public void completed(Reply reply) {
                elements.add(reply);
                done.complete(elements);
            }

            @Override
            public void failed(LinkFailure failure) {
                done.completeExceptionally(failure);
            }
        });
        return done;
    }
}
