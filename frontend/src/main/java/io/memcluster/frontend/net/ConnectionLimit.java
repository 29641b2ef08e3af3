package io.memcluster.frontend.net;

import io.memcluster.frontend.stats.FrontendStats;
import io.memcluster.login.PendingLogins;
import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandler;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import java.nio.charset.StandardCharsets;

/**
 * max_connections as memcached enforces it: a connection past the limit is told
 * {@code ERROR Too many open connections} and closed, and counted in rejected_connections.
 * With logins, a connection past the limit takes instead the slot of the connection that has
 * waited longest to log in, if there is one (see {@link PendingLogins}): only connections that
 * have logged in can fill every slot.
 */
@ChannelHandler.Sharable
public final class ConnectionLimit extends ChannelInboundHandlerAdapter {

    private static final byte[] TOO_MANY = "ERROR Too many open connections\r\n".getBytes(StandardCharsets.US_ASCII);

    private final FrontendStats stats;
    private final int maxConnections;
    private final PendingLogins pending;

    public ConnectionLimit(FrontendStats stats, int maxConnections) {
        this(stats, maxConnections, null);
    }

    /** @param pending the connections waiting to log in; null without logins */
    public ConnectionLimit(FrontendStats stats, int maxConnections, PendingLogins pending) {
        this.stats = stats;
        this.maxConnections = maxConnections;
        this.pending = pending;
    }

    @Override
    public void channelActive(ChannelHandlerContext ctx) {
        // the evicted connection's slot frees when its close completes, a moment after this one takes it
        if (stats.currConnections.incrementAndGet() > maxConnections
                && (pending == null || !pending.evictLongestWaiting())) {
            stats.currConnections.decrementAndGet();
            stats.rejectedConnections.increment();
            ctx.channel().config().setAutoRead(false);
            ctx.writeAndFlush(Unpooled.wrappedBuffer(TOO_MANY)).addListener(ChannelFutureListener.CLOSE);
            ctx.pipeline().remove(this);
            return;
        }
        stats.totalConnections.increment();
        ctx.channel().closeFuture().addListener(f -> stats.currConnections.decrementAndGet());
        ctx.fireChannelActive();
    }
}
