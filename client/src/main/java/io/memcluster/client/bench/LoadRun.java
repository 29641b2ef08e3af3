package io.memcluster.client.bench;

import io.memcluster.client.tls.ClientTls;
import io.netty.bootstrap.Bootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.ChannelPipeline;
import io.netty.channel.EventLoop;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.socket.SocketChannel;
import io.netty.handler.ssl.SslContext;
import io.netty.handler.ssl.SslHandler;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.IntFunction;
import javax.net.ssl.SSLException;

/**
 * One bench run from start to end: opens the connections (TLS, login), populates if asked, warms
 * up, runs the measured load, and watches it from the calling thread, which also feeds the
 * progress line and enforces the time limits.
 */
final class LoadRun implements AutoCloseable {

    /** Requests in flight per connection while populating: a load step, not a measurement. */
    private static final int POPULATE_DEPTH = 32;
    private static final long TICK_NANOS = TimeUnit.MILLISECONDS.toNanos(200);
    private static final long PROGRESS_NANOS = TimeUnit.SECONDS.toNanos(1);
    private static final long CONNECT_TIMEOUT_MILLIS = 10_000;

    private final BenchSettings settings;
    private final Progress progress;
    private final Transport transport = Transport.best();
    private final EventLoopGroup group;
    private final RequestEncoder encoder;
    private final List<LoadConnection> connections = new ArrayList<>();
    private final List<Channel> channels = new ArrayList<>();
    /** The event-loop thread of each connection, as an index into the phase's per-thread stats. */
    private final List<Integer> loopOf = new ArrayList<>();

    LoadRun(BenchSettings settings, Progress progress) {
        this.settings = settings;
        this.progress = progress;
        this.encoder = new RequestEncoder(new KeyTable(settings.keyPrefix(), settings.keySize(), settings.keyCount()),
                settings.valueSize());
        this.group = new MultiThreadIoEventLoopGroup(settings.threads(), transport.ioHandlers());
    }

    BenchResult run() throws BenchException, InterruptedException {
        SslContext tls = settings.tls() ? tlsContext() : null;
        connect(tls);

        long populated = 0;
        if (settings.populate()) {
            Phase populate = phase("populate", Math.max(settings.depth(), POPULATE_DEPTH));
            runPhase(populate, i -> new PopulateRequests(encoder, i, settings.connections(), settings.keyCount(),
                    populate), 0);
            Counts counts = populate.stats().counts();
            if (counts.errors() > 0) {
                throw new BenchException("populate: " + counts.setErrors() + " of " + counts.sets()
                        + " sets were refused, the first with: " + populate.firstErrorReply());
            }
            populated = counts.sets();
        }

        long warmupRequests = 0;
        if (!settings.warmup().isZero()) {
            Phase warmup = phase("warm-up", settings.depth());
            // a seed of its own, so that the measured run's keys do not depend on the warm-up's
            runPhase(warmup, mixed(warmup, ~settings.seed(), null), settings.warmup().toNanos());
            warmupRequests = warmup.stats().counts().requests();
        }

        Phase run = phase("run", settings.depth());
        AtomicLong budget = settings.requests() > 0 ? new AtomicLong(settings.requests()) : null;
        long cpuBefore = ProcessCpu.nanos();
        runPhase(run, mixed(run, settings.seed(), budget),
                settings.duration() == null ? 0 : settings.duration().toNanos());
        long cpuAfter = ProcessCpu.nanos();
        double seconds = (run.endNanos() - run.startNanos()) / 1e9;
        double cpuSeconds = cpuBefore < 0 || cpuAfter < 0 ? Double.NaN : (cpuAfter - cpuBefore) / 1e9;
        return new BenchResult(settings, transport.name(), tls == null ? null : ClientTls.provider(), populated,
                warmupRequests, seconds, run.stats().counts(), run.firstErrorReply(), Latency.of(run.stats().total()),
                cpuSeconds);
    }

    private SslContext tlsContext() throws BenchException {
        try {
            return ClientTls.context(settings.ca(), settings.certificate(), settings.key());
        } catch (SSLException | IllegalArgumentException e) {
            throw new BenchException("cannot set up TLS with CA " + settings.ca() + ": " + LoadConnection.message(e));
        }
    }

    private void connect(SslContext tls) throws BenchException, InterruptedException {
        int capacity = Math.max(settings.depth(), settings.populate() ? POPULATE_DEPTH : 0);
        List<ChannelFuture> connecting = new ArrayList<>();
        List<EventLoop> loops = new ArrayList<>();
        for (int t = 0; t < settings.threads(); t++) {
            loops.add(group.next());
        }
        for (int i = 0; i < settings.connections(); i++) {
            int loop = i % settings.threads();
            LoadConnection connection = new LoadConnection(i, capacity, encoder.maxRequestLength(), tls != null,
                    settings.login());
            connections.add(connection);
            loopOf.add(loop);
            Bootstrap bootstrap = new Bootstrap()
                    .group(loops.get(loop))
                    .channel(transport.channelType())
                    // requests are small and already gathered per read; Nagle would only add delay
                    .option(ChannelOption.TCP_NODELAY, true)
                    .option(ChannelOption.CONNECT_TIMEOUT_MILLIS, (int) CONNECT_TIMEOUT_MILLIS)
                    .handler(new ChannelInitializer<SocketChannel>() {
                        @Override
                        protected void initChannel(SocketChannel channel) {
                            ChannelPipeline pipeline = channel.pipeline();
                            if (tls != null) {
                                SslHandler ssl = tls.newHandler(channel.alloc(), settings.host(), settings.port());
                                ssl.setWrapDataSize(settings.tlsWrapSize());
                                pipeline.addLast("tls", ssl);
                            }
                            if (settings.login()) {
                                pipeline.addLast("login", new LoginHandler(settings.username(), settings.password()));
                            }
                            pipeline.addLast("load", connection);
                        }
                    });
            connecting.add(bootstrap.connect(settings.host(), settings.port()));
        }
        String target = settings.host() + ":" + settings.port();
        long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(CONNECT_TIMEOUT_MILLIS);
        for (int i = 0; i < connecting.size(); i++) {
            ChannelFuture future = connecting.get(i);
            if (!future.await(remainingMillis(deadline)) || !future.isSuccess()) {
                throw new BenchException("cannot connect to " + target + ": "
                        + (future.cause() == null ? "timed out" : LoadConnection.message(future.cause())));
            }
            channels.add(future.channel());
        }
        for (LoadConnection connection : connections) {
            try {
                connection.ready().get(remainingMillis(deadline), TimeUnit.MILLISECONDS);
            } catch (ExecutionException e) {
                throw new BenchException("connection to " + target + " failed: " + LoadConnection.message(e.getCause()));
            } catch (TimeoutException e) {
                throw new BenchException("connection to " + target + " was not ready within "
                        + CONNECT_TIMEOUT_MILLIS / 1000 + " s (TLS handshake or login unanswered)");
            }
        }
    }

    private static long remainingMillis(long deadline) {
        return Math.max(1, TimeUnit.NANOSECONDS.toMillis(deadline - System.nanoTime()));
    }

    private Phase phase(String name, int depth) {
        return new Phase(name, depth, settings.threads(), settings.connections());
    }

    private IntFunction<RequestSource> mixed(Phase phase, long seed, AtomicLong budget) {
        KeyChooser keys = settings.distribution() == KeyDistribution.ZIPF
                ? KeyChooser.zipf(settings.keyCount(), settings.skew())
                : KeyChooser.uniform(settings.keyCount());
        // one generator per connection, split from the seed: each connection's sequence of
        // requests is the same on every run with that seed
        SplittableRandom seeds = new SplittableRandom(seed);
        List<SplittableRandom> randoms = new ArrayList<>();
        for (int i = 0; i < settings.connections(); i++) {
            randoms.add(seeds.split());
        }
        return i -> new MixedRequests(encoder, keys, settings.getRatio(), randoms.get(i), phase, budget);
    }

    /**
     * Starts {@code phase} on every connection and waits for it: stops it after {@code limitNanos}
     * (0: when the requests run out), fails it when no reply comes for the reply timeout.
     */
    private void runPhase(Phase phase, IntFunction<RequestSource> sources, long limitNanos)
            throws BenchException, InterruptedException {
        long start = System.nanoTime();
        phase.started(start);
        for (int i = 0; i < connections.size(); i++) {
            LoadConnection connection = connections.get(i);
            RequestSource source = sources.apply(i);
            LoopStats stats = phase.stats().loop(loopOf.get(i));
            channels.get(i).eventLoop().execute(() -> connection.begin(phase, source, stats));
        }
        long deadline = limitNanos > 0 ? start + limitNanos : Long.MAX_VALUE;
        long nextProgress = start + PROGRESS_NANOS;
        long lastReplies = 0;
        long lastReplyChange = start;
        long timeout = settings.replyTimeout().toNanos();
        while (true) {
            long now = System.nanoTime();
            long wait = Math.min(TICK_NANOS, Math.max(1, Math.min(deadline, nextProgress) - now));
            if (phase.awaitFinished(wait)) {
                break;
            }
            now = System.nanoTime();
            if (phase.failure() != null) {
                break;
            }
            if (now >= deadline) {
                phase.stop();
            }
            long replies = phase.stats().counts().requests();
            if (replies != lastReplies) {
                lastReplies = replies;
                lastReplyChange = now;
            } else if (now - lastReplyChange > timeout) {
                phase.fail("no reply from " + settings.host() + ":" + settings.port() + " for "
                        + settings.replyTimeout().toSeconds() + " s");
                break;
            }
            if (now >= nextProgress) {
                nextProgress += PROGRESS_NANOS;
                progress.tick(phase, now - start, limitNanos, settings);
            }
        }
        phase.stats().takeInterval();
        progress.phaseDone();
        if (phase.failure() != null) {
            throw new BenchException(phase.name() + ": " + phase.failure());
        }
    }

    @Override
    public void close() {
        for (Channel channel : channels) {
            channel.close();
        }
        group.shutdownGracefully(0, 1, TimeUnit.SECONDS).awaitUninterruptibly(5, TimeUnit.SECONDS);
    }
}
