package io.memcluster.server;

import io.memcluster.config.NodeConfig;
import io.memcluster.login.LoginCounters;
import io.memcluster.server.net.ConnectionLimit;
import io.memcluster.server.net.ConnectionRegistry;
import io.memcluster.server.net.NodeChannelInitializer;
import io.memcluster.server.net.NodeContext;
import io.memcluster.server.security.NodeSecurity;
import io.memcluster.server.security.NodeStartException;
import io.memcluster.server.security.SecurityReloader;
import io.memcluster.server.stats.ServerStats;
import io.memcluster.server.stats.StatsReport;
import io.memcluster.server.store.Store;
import io.memcluster.time.Clock;
import io.memcluster.tls.TlsProviders;
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
import io.netty.handler.ssl.SslProvider;
import java.io.PrintStream;
import java.net.InetSocketAddress;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A running node: its store, its listeners (the main one, TLS unless turned off, and an optional
 * plaintext one), its security (logins, permissions, reloading) and its background expiry.
 */
public final class NodeServer implements AutoCloseable {

    /** What {@code version} answers: the memcached protocol level we follow, then ours. */
    public static final String VERSION = "1.6.38-memcluster-0.1.0";

    private static final Logger log = LoggerFactory.getLogger(NodeServer.class);

    private final NodeConfig config;
    private final Clock clock;
    private final SslProvider tlsProvider;
    private final PrintStream console;
    private final Store store;
    private final CountDownLatch stopped = new CountDownLatch(1);
    private EventLoopGroup bossGroup;
    private EventLoopGroup workerGroup;
    private Channel serverChannel;
    private Channel plainChannel;
    private ConnectionRegistry connections;
    private NodeSecurity security;

    public NodeServer(NodeConfig config, Clock clock) {
        this(config, clock, TlsProviders.preferred(), System.out);
    }

    /**
     * @param tlsProvider BoringSSL or the JDK; tests choose, a node takes {@link TlsProviders#preferred()}
     * @param console     where the first admin password is shown, once
     */
    public NodeServer(NodeConfig config, Clock clock, SslProvider tlsProvider, PrintStream console) {
        this.config = config;
        this.clock = clock;
        this.tlsProvider = tlsProvider;
        this.console = console;
        this.store = new Store(config.memoryLimit(), clock);
    }

    /**
     * @throws NodeStartException when the certificates or users cannot be used
     * @throws InterruptedException while binding
     */
    public NodeServer start() throws NodeStartException, InterruptedException {
        ServerStats stats = new ServerStats();
        security = NodeSecurity.open(config, clock, tlsProvider, new LoginCounters(stats.authCmds, stats.authErrors),
                console);
        boolean epoll = Epoll.isAvailable();
        var ioFactory = epoll ? EpollIoHandler.newFactory() : NioIoHandler.newFactory();
        bossGroup = new MultiThreadIoEventLoopGroup(1, ioFactory);
        workerGroup = new MultiThreadIoEventLoopGroup(config.threads(), ioFactory);
        Class<? extends ServerChannel> channelType = epoll ? EpollServerSocketChannel.class : NioServerSocketChannel.class;

        connections = new ConnectionRegistry(clock);
        StatsReport report = new StatsReport(stats, store, new StatsReport.Settings(VERSION, config.bind(),
                config.port(), config.maxConnections(), config.threads(), config.maxItemSize(),
                config.idleTimeout().toSeconds(), config.shutdownEnabled(), config.auth().enabled(),
                config.tls().enabled()));
        NodeContext node = new NodeContext(store, stats, report, connections, VERSION, config.shutdownEnabled(),
                () -> new Thread(this::close, "node-shutdown").start(), security.userAdministration());

        ServerBootstrap bootstrap = new ServerBootstrap()
                .group(bossGroup, workerGroup)
                .channel(channelType)
                .option(ChannelOption.SO_BACKLOG, 1024)
                .option(ChannelOption.SO_REUSEADDR, true)
                .childOption(ChannelOption.TCP_NODELAY, true)
                .childOption(ChannelOption.SO_KEEPALIVE, true)
                .childOption(ChannelOption.WRITE_BUFFER_WATER_MARK, new WriteBufferWaterMark(512 * 1024, 1024 * 1024));
        ConnectionLimit limit = NodeChannelInitializer.limit(node, config.maxConnections());
        if (epoll) {
            // half-open connections (a peer that vanished) are found in about two minutes
            bootstrap.childOption(EpollChannelOption.TCP_KEEPIDLE, 60)
                    .childOption(EpollChannelOption.TCP_KEEPINTVL, 10)
                    .childOption(EpollChannelOption.TCP_KEEPCNT, 6);
        }
        serverChannel = bootstrap.clone()
                .childHandler(new NodeChannelInitializer(node, config.maxItemSize(), limit, config.idleTimeout(),
                        security.tls(), security.login()))
                .bind(config.bind(), config.port()).sync().channel();
        if (config.plain().enabled()) {
            String plainBind = config.plain().bindAddress(config.bind());
            plainChannel = bootstrap.clone()
                    .childHandler(new NodeChannelInitializer(node, config.maxItemSize(), limit, config.idleTimeout(),
                            null, security.login()))
                    .bind(plainBind, config.plain().port()).sync().channel();
            log.warn("plaintext listener on {}: what crosses it, passwords included, is readable on the network{}",
                    plainChannel.localAddress(), config.plain().allowRemote()
                            ? " (plain.allow_remote is on: it accepts connections from other machines)"
                            : "; it accepts connections from this machine only");
        }
        if (!config.tls().enabled()) {
            log.warn("tls.enabled is false: the main port {} is plaintext", serverChannel.localAddress());
        }
        workerGroup.next().scheduleAtFixedRate(this::reapExpired, 1, 1, TimeUnit.SECONDS);
        log.info("memcluster node {} listening on {} (memcached text protocol, {}), memory limit {} bytes, "
                + "{} threads, {} transport", VERSION, serverChannel.localAddress(),
                config.tls().enabled() ? "TLS" : "plaintext", config.memoryLimit(), config.threads(),
                epoll ? "epoll" : "nio");
        return this;
    }

    /** The main listener's bound port (useful when configured as 0). */
    public int port() {
        return ((InetSocketAddress) serverChannel.localAddress()).getPort();
    }

    /** The plaintext listener's bound port; -1 when there is none. */
    public int plainPort() {
        return plainChannel == null ? -1 : ((InetSocketAddress) plainChannel.localAddress()).getPort();
    }

    /** Reloads certificates and users: what SIGHUP and the file poll do. */
    public SecurityReloader reloader() {
        return security.reloader();
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
        if (bossGroup == null) {
            // never started (refused at start): nothing listens, nothing to announce
            if (security != null) {
                security.close();
            }
            stopped.countDown();
            return;
        }
        log.info("memcluster node stopping");
        if (serverChannel != null) {
            serverChannel.close().syncUninterruptibly();
        }
        if (plainChannel != null) {
            plainChannel.close().syncUninterruptibly();
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
        if (security != null) {
            security.close();
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
