package io.memcluster.coordinator.link;

import static io.memcluster.coordinator.link.Commands.mg;
import static io.memcluster.coordinator.link.Commands.ms;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.memcluster.protocol.MetaStatus;
import io.memcluster.protocol.Reply;
import io.memcluster.time.Ticker;
import io.netty.channel.EventLoop;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.handler.ssl.OpenSsl;
import io.netty.handler.ssl.SslProvider;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * A pool against a real node that requires the coordinator's client certificate: thousands of
 * pipelined ms and mg per link over mutual TLS, values large and small (so that replies share
 * and straddle TLS records), from every loop at once; and a client without a certificate is
 * refused, so the node never counts as up.
 */
class NodePoolTlsTest {

    private static final int REQUESTS = 2000;

    @TempDir
    static Path temp;

    private static SecureNode node;
    private static EventLoopGroup group;

    @BeforeAll
    static void start() {
        node = SecureNode.start(temp.resolve("node"));
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

    static Stream<SslProvider> providers() {
        return OpenSsl.isAvailable() ? Stream.of(SslProvider.OPENSSL, SslProvider.JDK) : Stream.of(SslProvider.JDK);
    }

    @ParameterizedTest
    @MethodSource("providers")
    void thousandsOfPipelinedRequestsPerLinkRoundTripOverMutualTls(SslProvider provider) throws Exception {
        List<String> changes = new CopyOnWriteArrayList<>();
        try (NodePool pool = new NodePool(node.address("node-1"), group, node.coordinatorTls(provider),
                LinkSettings.defaults().withRequestTimeout(Duration.ofSeconds(10)), Ticker.system(),
                (address, state, reason) -> changes.add(state + " " + reason))) {
            pool.start();
            await().atMost(Duration.ofSeconds(10)).until(pool::isUp);
            assertThat(changes).singleElement().asString().startsWith("UP after connecting (VERSION ");

            List<EventLoop> loops = loops();
            List<Gathered> stores = new ArrayList<>();
            for (EventLoop loop : loops) {
                stores.add(sendInOneTurn(pool.linkFor(loop), i -> ms(key(loop, i, provider), value(i), "F" + i, "T0")));
            }
            for (Gathered stored : stores) {
                stored.all.get(30, TimeUnit.SECONDS);
                assertThat(stored.failures).containsOnlyNulls();
                assertThat(stored.replies).allMatch(r -> r instanceof Reply.Meta m && m.status() == MetaStatus.HD);
                assertInRequestOrder(stored);
            }

            List<Gathered> reads = new ArrayList<>();
            for (EventLoop loop : loops) {
                reads.add(sendInOneTurn(pool.linkFor(loop), i -> mg(key(loop, i, provider), "v", "f")));
            }
            for (Gathered read : reads) {
                read.all.get(30, TimeUnit.SECONDS);
                assertThat(read.failures).containsOnlyNulls();
                for (int i = 0; i < REQUESTS; i++) {
                    Reply.Meta meta = (Reply.Meta) read.replies[i];
                    assertThat(meta.status()).isEqualTo(MetaStatus.VA);
                    assertThat(meta.data()).as("value %d", i).isEqualTo(value(i));
                    assertThat(meta.flag('f')).contains(Integer.toString(i));
                }
                assertInRequestOrder(read);
            }
            assertThat(changes).as("no failure along the way").hasSize(1);
        }
    }

    @Test
    void aCoordinatorWithoutAClientCertificateIsRefusedAndTheNodeStaysDown() throws Exception {
        List<String> changes = new CopyOnWriteArrayList<>();
        try (NodePool pool = new NodePool(node.address("node-1"), group,
                node.anonymousTls(io.memcluster.tls.TlsProviders.preferred()), LinkSettings.defaults(),
                Ticker.system(), (address, state, reason) -> changes.add(state + " " + reason))) {
            pool.start();
            await().atMost(Duration.ofSeconds(10)).until(() -> !changes.isEmpty());

            assertThat(changes.get(0)).startsWith("DOWN after a failed connect (");
            assertThat(changes.get(0)).containsIgnoringCase("certificate");
            assertThat(pool.isUp()).isFalse();
            Recorded refused = new Recorded();
            EventLoop loop = loops().get(0);
            loop.submit(() -> pool.linkFor(loop).send(mg("k"), refused)).get(5, TimeUnit.SECONDS);
            assertThat(refused.failedWith()).isEqualTo(LinkFailure.Kind.NOT_CONNECTED);
        }
    }

    /** Sends {@code REQUESTS} commands from the link's own loop, in one turn: one flush, one TLS write. */
    private static Gathered sendInOneTurn(NodeLink link, java.util.function.IntFunction<io.memcluster.protocol.Command> command) {
        Gathered gathered = new Gathered(REQUESTS);
        link.eventLoop().execute(() -> {
            for (int i = 0; i < REQUESTS; i++) {
                link.send(command.apply(i), gathered.at(i));
            }
        });
        return gathered;
    }

    private static void assertInRequestOrder(Gathered gathered) {
        int[] expected = new int[REQUESTS];
        Arrays.setAll(expected, i -> i);
        assertThat(gathered.arrival).isEqualTo(expected);
    }

    private static List<EventLoop> loops() {
        List<EventLoop> loops = new ArrayList<>();
        group.forEach(executor -> loops.add((EventLoop) executor));
        return loops;
    }

    private static String key(EventLoop loop, int i, SslProvider provider) {
        return provider + "." + System.identityHashCode(loop) + "." + i;
    }

    /** Mostly small values; every 50th is 40 KB, more than two TLS records. */
    private static byte[] value(int i) {
        int length = i % 50 == 0 ? 40_000 : 10 + i % 200;
        byte[] value = new byte[length];
        Arrays.fill(value, (byte) ('a' + i % 26));
        byte[] tag = Integer.toString(i).getBytes(StandardCharsets.US_ASCII);
        System.arraycopy(tag, 0, value, 0, Math.min(tag.length, length));
        return value;
    }
}
