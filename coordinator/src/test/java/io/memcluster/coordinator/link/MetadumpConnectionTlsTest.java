package io.memcluster.coordinator.link;

import static io.memcluster.coordinator.link.Commands.ms;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.memcluster.protocol.Command;
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
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * A metadump's own connection over the same mutual TLS as the pool's links, read on demand: while
 * its owner does not ask, no line arrives and no deadline passes (longer than the request timeout
 * here); once it asks again, every key arrives once and then END.
 */
class MetadumpConnectionTlsTest {

    private static final int KEYS = 20_000;
    private static final Duration REQUEST_TIMEOUT = Duration.ofMillis(300);

    @TempDir
    static Path temp;

    private static SecureNode node;
    private static EventLoopGroup group;

    @BeforeAll
    static void start() throws Exception {
        node = SecureNode.start(temp.resolve("node"));
        group = new MultiThreadIoEventLoopGroup(1, LinkTransport.ioHandlerFactory());
        // the keys in one turn of one link (a cold JVM may take more than a second for them all)
        try (NodePool pool = new NodePool(node.address("node-1"), group, node.coordinatorTls(SslProvider.JDK),
                LinkSettings.defaults().withMaxInFlight(KEYS).withRequestTimeout(Duration.ofSeconds(10)),
                Ticker.system(), NodeHealth.Listener.NONE)) {
            pool.start();
            await().atMost(Duration.ofSeconds(10)).until(pool::isUp);
            NodeLink link = pool.linkFor(group.next());
            CountDownLatch stored = new CountDownLatch(KEYS);
            AtomicReference<String> loadFailure = new AtomicReference<>();
            link.eventLoop().execute(() -> {
                for (int i = 0; i < KEYS; i++) {
                    link.send(ms("dump." + i, new byte[] {'v'}), new ReplyCallback() {
                        @Override
                        public void completed(Reply reply) {
                            stored.countDown();
                        }

                        @Override
                        public void failed(LinkFailure failure) {
                            loadFailure.set(failure.getMessage());
                        }
                    });
                }
            });
            assertThat(stored.await(30, TimeUnit.SECONDS)).as("stored (last failure: %s)", loadFailure.get()).isTrue();
        }
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
    void aPausedDumpTakesNothingAndGoesOnWhenAskedOverMutualTls(SslProvider provider) throws Exception {
        Set<String> keys = ConcurrentHashMap.newKeySet();
        AtomicInteger lines = new AtomicInteger();
        AtomicInteger readsDone = new AtomicInteger();
        AtomicReference<Reply> last = new AtomicReference<>();
        AtomicReference<LinkFailure> failure = new AtomicReference<>();
        AtomicReference<Boolean> reading = new AtomicReference<>(false);
        AtomicReference<MetadumpConnection> connection = new AtomicReference<>();
        try (NodePool pool = pool(provider)) {
            EventLoop loop = group.next();
            MetadumpConnection.Listener listener = new MetadumpConnection.Listener() {
                @Override
                public void line(Reply.KeyMetadata line) {
                    lines.incrementAndGet();
                    assertThat(keys.add(new String(line.key(), StandardCharsets.US_ASCII))).isTrue();
                }

                @Override
                public void readDone() {
                    readsDone.incrementAndGet();
                    if (reading.get()) {
                        connection.get().read();
                    }
                }

                @Override
                public void ended(Reply reply) {
                    last.set(reply);
                }

                @Override
                public void failed(LinkFailure why) {
                    failure.set(why);
                }
            };
            loop.submit(() -> connection.set(pool.openMetadump(loop,
                    new Command.LruCrawler(new String[] {"metadump", "all"}), listener))).sync();

            // the first read comes by itself, and then nothing while nobody asks
            await().atMost(Duration.ofSeconds(10)).until(() -> readsDone.get() > 0);
            int firstRead = lines.get();
            assertThat(firstRead).isLessThan(KEYS);
            await().during(REQUEST_TIMEOUT.multipliedBy(3)).atMost(Duration.ofSeconds(10)).untilAsserted(() -> {
                assertThat(lines.get()).isEqualTo(firstRead);
                assertThat(failure.get()).as("no deadline while paused").isNull();
            });

            reading.set(true);
            loop.execute(() -> connection.get().read());
            await().atMost(Duration.ofSeconds(20)).until(() -> last.get() != null || failure.get() != null);
            assertThat(failure.get()).isNull();
            assertThat(last.get()).isInstanceOf(Reply.End.class);
            assertThat(keys).hasSize(KEYS);
            assertThat(lines.get()).isEqualTo(KEYS);
        }
    }

    private static NodePool pool(SslProvider provider) throws Exception {
        return new NodePool(node.address("node-1"), group, node.coordinatorTls(provider),
                LinkSettings.defaults().withRequestTimeout(REQUEST_TIMEOUT), Ticker.system(),
                NodeHealth.Listener.NONE);
    }
}
