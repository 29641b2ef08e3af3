package io.memcluster.frontend.net;

import io.memcluster.frontend.stats.FrontendStats;
import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelDuplexHandler;
import io.netty.channel.ChannelHandler;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelPromise;

/** bytes_read and bytes_written, counted per buffer rather than per command. */
@ChannelHandler.Sharable
public final class TrafficCounter extends ChannelDuplexHandler {

    private final FrontendStats stats;

    public TrafficCounter(FrontendStats stats) {
        this.stats = stats;
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        if (msg instanceof ByteBuf buf) {
            stats.bytesRead.add(buf.readableBytes());
        }
        ctx.fireChannelRead(msg);
    }

    @Override
    public void write(ChannelHandlerContext ctx, Object msg, ChannelPromise promise) {
        if (msg instanceof ByteBuf buf) {
            stats.bytesWritten.add(buf.readableBytes());
        }
        ctx.write(msg, promise);
    }
}
