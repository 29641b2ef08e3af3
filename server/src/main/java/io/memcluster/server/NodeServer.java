package io.memcluster.server;

import io.memcluster.config.NodeConfig;
import io.memcluster.server.net.ConnectionRegistry;
import io.memcluster.server.net.NodeChannelInitializer;
import io.memcluster.server.net.NodeContext;
import io.memcluster.server.stats.ServerStats;
import io.memcluster.server.stats.StatsReport;
import io.memcluster.server.store.Store;
import io.memcluster.time.Clock;
import io.netty.bootstrap.ServerBootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.ServerChannel;
import io.netty.channel.WriteBufferWaterMark;
import io.netty.channel.epoll.Epoll;
import io.netty.channel.epoll.EpollChannelOption;
import io.netty.channel.epoll.EpollIoHandler;
import io.netty.channel.epoll.EpollServerSocketChannel;
import io.netty.channel.nio.NioIoHandler;
import io.netty.channel.socket.nio.NioServerSocketChannel;
import java.net.InetSocketAddress;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** A running node: its store, its listener and its background expiry. */
public final class NodeServer implements AutoCloseable {

    /** What {@code version} answers: the memcached protocol level we follow, then ours. */
    public static final String VERSION = "1.6.38-memcluster-0.1.0";

    private static final Logger log = LoggerFactory.getLogger(NodeServer.class);

    private final NodeConfig config;
    private final Clock clock;
    private final Store store;
    private final CountDownLatch stopped = new CountDownLatch(1);
    private EventLoopGroup bossGroup;
    private EventLoopGroup workerGroup;
    private Channel serverChannel;
    private ConnectionRegistry connections;

    public NodeServer(NodeConfig config, Clock clock) {
        this.config = config;
        this.clock = clock;
        this.store = new Store(config.memoryLimit(), clock);
    }

    public NodeServer start() throws InterruptedException {
        boolean epoll = Epoll.isAvailable();
        var ioFactory = epoll ? EpollIoHandler.newFactory() : NioIoHandler.newFactory();
        bossGroup = new MultiThreadIoEventLoopGroup(1, ioFactory);
        workerGroup = new MultiThreadIoEventLoopGroup(config.threads(), ioFactory);
        Class<? extends ServerChannel> channelType = epoll ? EpollServerSocketChannel.class : NioServerSocketChannel.class;

        ServerStats stats = new ServerStats();
        connections = new ConnectionRegistry(clock);
        StatsReport report = new StatsReport(stats, store, new StatsReport.Settings(VERSION, config.bind(),
                config.port(), config.maxConnections(), config.threads(), config.maxItemSize(),
                config.idleTimeout().toSeconds(), config.shutdownEnabled(), false));
        NodeContext node = new NodeContext(store, stats, report, connections, VERSION, config.shutdownEnabled(),
                () -> new Thread(this::close, "node-shutdown").start());

        ServerBootstrap bootstrap = new ServerBootstrap()
                .group(bossGroup, workerGroup)
                .channel(channelType)
                .option(ChannelOption.SO_BACKLOG, 1024)
                .option(ChannelOption.SO_REUSEADDR, true)
                .childOption(ChannelOption.TCP_NODELAY, true)
                .childOption(ChannelOption.SO_KEEPALIVE, true)
                .childOption(ChannelOption.WRITE_BUFFER_WATER_MARK, new WriteBufferWaterMark(512 * 1024, 1024 * 1024))
                .childHandler(new NodeChannelInitializer(node, config.maxItemSize(), config.maxConnections(),
                        config.idleTimeout()));
        if (epoll) {
            // half-open connections (a peer that vanished) are found in about two minutes
            bootstrap.childOption(EpollChannelOption.TCP_KEEPIDLE, 60)
                    .childOption(EpollChannelOption.TCP_KEEPINTVL, 10)
                    .childOption(EpollChannelOption.TCP_KEEPCNT, 6);
        }
        serverChannel = bootstrap.bind(config.bind(), config.port()).sync().channel();
        workerGroup.next().scheduleAtFixedRate(this::reapExpired, 1, 1, TimeUnit.SECONDS);
        log.info("memcluster node {} listening on {} (memcached text protocol, plaintext), memory limit {} bytes, "
                + "{} threads, {} transport", VERSION, serverChannel.localAddress(), config.memoryLimit(),
                config.threads(), epoll ? "epoll" : "nio");
        return this;
    }

    /** The bound port (useful when configured as 0). */
    public int port() {
        return ((InetSocketAddress) serverChannel.localAddress()).getPort();
    }

    public Store store() {
        return store;
    }

    public void awaitStop() throws InterruptedException {
        stopped.await();
    }

    @Override
    public synchronized void close() {
        if (stopped.getCount() == 0) {
            return;
        }
        log.info("memcluster node stopping");
        if (serverChannel != null) {
            serverChannel.close().syncUninterruptibly();
        }
        if (connections != null) {
            connections.closeAll();
        }
        if (workerGroup != null) {
            workerGroup.shutdownGracefully(0, 2, TimeUnit.SECONDS).syncUninterruptibly();
        }
        if (bossGroup != null) {
            bossGroup.shutdownGracefully(0, 2, TimeUnit.SECONDS).syncUninterruptibly();
        }
        stopped.countDown();
        log.info("memcluster node stopped");
    }

    private void reapExpired() {
        try {
            // a full pass over the table about every 30 seconds
            store.reapExpired((int) Math.max(1024, store.itemCount() / 30));
        } catch (RuntimeException e) {
            log.warn("background expiry failed: {}", e.toString());
        }
    }
}
