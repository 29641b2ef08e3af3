package io.memcluster.frontend.net;

import io.memcluster.auth.NamespaceAccess;
import io.memcluster.frontend.request.CommandExecutor;
import io.memcluster.frontend.request.RequestHandler;
import io.memcluster.frontend.stats.FrontendStats;
import io.memcluster.logging.PerAddressLogLimiter;
import io.memcluster.login.LoginHandler;
import io.memcluster.login.LoginService;
import io.memcluster.protocol.TextCommandDecoder;
import io.memcluster.tls.ReloadableServerTls;
import io.netty.channel.Channel;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.ChannelInitializer;
import io.netty.handler.timeout.IdleStateEvent;
import io.netty.handler.timeout.IdleStateHandler;
import java.time.Duration;
import java.util.concurrent.TimeUnit;

/** Builds one client connection's pipeline, outermost handler first. */
public final class FrontendChannelInitializer extends ChannelInitializer<Channel> {

    private final CommandExecutor.Factory executors;
    private final FrontendStats stats;
    private final ConnectionRegistry registry;
    private final int maxItemSize;
    private final Duration idleTimeout;
    private final ConnectionLimit limit;
    private final TrafficCounter traffic;
    private final ReloadableServerTls tls;
    private final LoginService login;
    private final PerAddressLogLimiter logLimiter;

    /**
     * @param limit one for all of a server's listeners, as memcached's max_connections
     * @param tls   the TLS context in force, or null for a plaintext listener
     * @param login the login step, or null when auth is off (every connection may do everything)
     * @param logLimiter one for all of a server's listeners: what one address may make it log
     */
    public FrontendChannelInitializer(CommandExecutor.Factory executors, FrontendStats stats,
            ConnectionRegistry registry, int maxItemSize, ConnectionLimit limit, Duration idleTimeout,
            ReloadableServerTls tls, LoginService login, PerAddressLogLimiter logLimiter) {
        this.executors = executors;
        this.stats = stats;
        this.registry = registry;
        this.maxItemSize = maxItemSize;
        this.idleTimeout = idleTimeout;
        this.limit = limit;
        this.traffic = new TrafficCounter(stats);
        this.tls = tls;
        this.login = login;
        this.logLimiter = logLimiter;
    }

    @Override
    protected void initChannel(Channel ch) {
        var p = ch.pipeline();
        // refuse connections over max_connections before they cost a handshake
        p.addLast("limit", limit);
        if (tls != null) {
            // the context in force now; a reload affects only connections made after it
            p.addLast("tls", tls.current().newHandler(ch.alloc()));
            p.addLast("handshakes", new TlsHandshakes(stats, logLimiter));
        }
        // after TLS, so that bytes_read and bytes_written count protocol bytes as memcached does
        p.addLast("traffic", traffic);
        if (!idleTimeout.isZero()) {
            // like memcached's idle_timeout: a connection with no traffic at all is closed
            p.addLast("idle", new IdleStateHandler(0, 0, idleTimeout.toMillis(), TimeUnit.MILLISECONDS));
            p.addLast("idleClose", new ChannelInboundHandlerAdapter() {
                @Override
                public void userEventTriggered(ChannelHandlerContext ctx, Object evt) {
                    if (evt instanceof IdleStateEvent) {
                        ctx.close();
                    } else {
                        ctx.fireUserEventTriggered(evt);
                    }
                }
            });
        }
        p.addLast("decoder", new TextCommandDecoder(maxItemSize));
        NamespaceAccess access;
        if (login == null) {
            access = NamespaceAccess.withoutAuth();
        } else {
            access = NamespaceAccess.unauthenticated(login.users());
            // removes itself once the connection has logged in
            p.addLast("login", new LoginHandler(login, access, tls != null, logLimiter));
        }
        p.addLast("handler", new RequestHandler(executors, access, stats, registry, logLimiter));
    }
}
