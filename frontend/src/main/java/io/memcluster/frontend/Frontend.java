package io.memcluster.frontend;

import io.memcluster.auth.UserAdministration;
import io.memcluster.frontend.net.ConnectionLimit;
import io.memcluster.frontend.net.ConnectionRegistry;
import io.memcluster.frontend.net.FrontendChannelInitializer;
import io.memcluster.frontend.request.CommandExecutor;
import io.memcluster.frontend.security.FrontendSecurity;
import io.memcluster.frontend.security.SecurityReloader;
import io.memcluster.frontend.security.StartException;
import io.memcluster.frontend.stats.FrontendStats;
import io.memcluster.logging.PerAddressLogLimiter;
import io.memcluster.login.LoginCounters;
import io.memcluster.time.Clock;
import io.netty.bootstrap.ServerBootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.IoHandlerFactory;
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
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What answers memcached clients, for a node or a coordinator: the event loops, the main
 * listener (TLS unless turned off) and the optional loopback plaintext one, the security behind
 * them (certificates and users made on the first start, logins, reloads), the connection limit,
 * registry and counters. What the commands do is the {@link CommandExecutor}'s, given at
 * {@link #listen}.
 *
 * <p>Started in two steps, {@link #open} then {@link #listen}, so that what the executor needs
 * from here (the worker loops for a coordinator's node links, the user administration for a
 * node) exists before the first client connects.
 */
public final class Frontend implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(Frontend.class);

    private final FrontendConfig config;
    private final Clock clock;
    private final SslProvider tlsProvider;
    private final PrintStream console;
    private final FrontendStats stats = new FrontendStats();
    private final ConnectionRegistry connections;
    private final PerAddressLogLimiter logLimiter;
    private final boolean epoll = Epoll.isAvailable();
    private EventLoopGroup bossGroup;
    private EventLoopGroup workerGroup;
    private Channel mainChannel;
    private Channel plainChannel;
    private FrontendSecurity security;

    /**
     * @param tlsProvider BoringSSL or the JDK's
     * @param console     where the first admin password is shown, once
     */
    public Frontend(FrontendConfig config, Clock clock, SslProvider tlsProvider, PrintStream console) {
        this.config = config;
        this.clock = clock;
        this.tlsProvider = tlsProvider;
        this.console = console;
        this.connections = new ConnectionRegistry(clock);
        this.logLimiter = new PerAddressLogLimiter(clock);
    }

    /**
     * Makes the first-start certificates and users if needed, loads them, and starts the event
     * loops; nothing listens yet.
     *
     * @throws StartException when the certificates or users cannot be used
     */
    public Frontend open() throws StartException {
        security = FrontendSecurity.open(config, clock, tlsProvider, new LoginCounters(stats.authCmds, stats.authErrors),
                console);
        IoHandlerFactory io = epoll ? EpollIoHandler.newFactory() : NioIoHandler.newFactory();
        bossGroup = new MultiThreadIoEventLoopGroup(1, io);
        workerGroup = new MultiThreadIoEventLoopGroup(config.threads(), io);
        return this;
    }

    /**
     * Binds the listeners; from now on clients are served by executors from {@code executors}.
     *
     * @throws InterruptedException while binding
     */
    public Frontend listen(CommandExecutor.Factory executors) throws InterruptedException {
        Class<? extends ServerChannel> channelType = epoll ? EpollServerSocketChannel.class
                : NioServerSocketChannel.class;
        ServerBootstrap bootstrap = new ServerBootstrap()
                .group(bossGroup, workerGroup)
                .channel(channelType)
                .option(ChannelOption.SO_BACKLOG, 1024)
                .option(ChannelOption.SO_REUSEADDR, true)
                .childOption(ChannelOption.TCP_NODELAY, true)
                .childOption(ChannelOption.SO_KEEPALIVE, true)
                .childOption(ChannelOption.WRITE_BUFFER_WATER_MARK, new WriteBufferWaterMark(512 * 1024, 1024 * 1024));
        if (epoll) {
            // half-open connections (a peer that vanished) are found in about two minutes
            bootstrap.childOption(EpollChannelOption.TCP_KEEPIDLE, 60)
                    .childOption(EpollChannelOption.TCP_KEEPINTVL, 10)
                    .childOption(EpollChannelOption.TCP_KEEPCNT, 6);
        }
        ConnectionLimit limit = new ConnectionLimit(stats, config.maxConnections(),
                security.login() == null ? null : security.login().pending());
        mainChannel = bootstrap.clone()
                .childHandler(new FrontendChannelInitializer(executors, stats, connections, config.maxItemSize(), limit,
                        config.idleTimeout(), security.tls(), security.login(), logLimiter))
                .bind(config.bind(), config.port()).sync().channel();
        if (config.plain().enabled()) {
            String plainBind = config.plain().bindAddress(config.bind());
            plainChannel = bootstrap.clone()
                    .childHandler(new FrontendChannelInitializer(executors, stats, connections, config.maxItemSize(),
                            limit, config.idleTimeout(), null, security.login(), logLimiter))
                    .bind(plainBind, config.plain().port()).sync().channel();
            log.warn("plaintext listener on {}: what crosses it, passwords included, is readable on the network{}",
                    plainChannel.localAddress(), config.plain().allowRemote()
                            ? " (plain.allow_remote is on: it accepts connections from other machines)"
                            : "; it accepts connections from this machine only");
        }
        if (!config.tls().enabled()) {
            log.warn("tls.enabled is false: the main port {} is plaintext", mainChannel.localAddress());
        }
        return this;
    }

    public FrontendStats stats() {
        return stats;
    }

    public ConnectionRegistry connections() {
        return connections;
    }

    /** The loops that serve client connections; a coordinator puts its node links on them too. */
    public EventLoopGroup workers() {
        return workerGroup;
    }

    /** Whether the native epoll transport is in use (else NIO). */
    public boolean epoll() {
        return epoll;
    }

    /** User administration over the protocol; null when auth is off. */
    public UserAdministration userAdministration() {
        return security.userAdministration();
    }

    /** Reloads certificates and users: what SIGHUP and the file poll do. */
    public SecurityReloader reloader() {
        return security.reloader();
    }

    /** The main listener's bound port (useful when configured as 0). */
    public int port() {
        return ((InetSocketAddress) mainChannel.localAddress()).getPort();
    }

    /** The plaintext listener's bound port; -1 when there is none. */
    public int plainPort() {
        return plainChannel == null ? -1 : ((InetSocketAddress) plainChannel.localAddress()).getPort();
    }

    /** Whether {@link #listen} bound the listeners. */
    public boolean listening() {
        return mainChannel != null;
    }

    public FrontendConfig config() {
        return config;
    }

    /** Stops listening, closes every connection, stops the loops and the reloads. */
    @Override
    public void close() {
        if (mainChannel != null) {
            mainChannel.close().syncUninterruptibly();
        }
        if (plainChannel != null) {
            plainChannel.close().syncUninterruptibly();
        }
        connections.closeAll();
        if (workerGroup != null) {
            workerGroup.shutdownGracefully(0, 2, TimeUnit.SECONDS).syncUninterruptibly();
        }
        if (bossGroup != null) {
            bossGroup.shutdownGracefully(0, 2, TimeUnit.SECONDS).syncUninterruptibly();
        }
        if (security != null) {
            security.close();
        }
    }
}
