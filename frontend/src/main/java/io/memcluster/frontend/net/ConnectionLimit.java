package io.memcluster.frontend.net;

import io.memcluster.frontend.stats.FrontendStats;
import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandler;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import java.nio.charset.StandardCharsets;

/**
 * max_connections as memcached enforces it: a connection past the limit is told
 * {@code ERROR Too many open connections} and closed, and counted in rejected_connections.
 */
@ChannelHandler.Sharable
public final class ConnectionLimit extends ChannelInboundHandlerAdapter {

    private static final byte[] TOO_MANY = "ERROR Too many open connections\r\n".getBytes(StandardCharsets.US_ASCII);

    private final FrontendStats stats;
    private final int maxConnections;

    public ConnectionLimit(FrontendStats stats, int maxConnections) {
        this.stats = stats;
        this.maxConnections = maxConnections;
    }

    @Override
    public void channelActive(ChannelHandlerContext ctx) {
        if (stats.currConnections.incrementAndGet() > maxConnections) {
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
