package io.memcluster.server.net;

import io.memcluster.protocol.TextCommandDecoder;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.Channel;
import io.netty.handler.timeout.IdleStateEvent;
import io.netty.handler.timeout.IdleStateHandler;
import java.time.Duration;

/** Builds one client connection's pipeline, outermost handler first. */
public final class NodeChannelInitializer extends ChannelInitializer<Channel> {

    private final NodeContext node;
    private final int maxItemSize;
    private final Duration idleTimeout;
    private final ConnectionLimit limit;
    private final TrafficCounter traffic;

    public NodeChannelInitializer(NodeContext node, int maxItemSize, int maxConnections, Duration idleTimeout) {
        this.node = node;
        this.maxItemSize = maxItemSize;
        this.idleTimeout = idleTimeout;
        this.limit = new ConnectionLimit(node.stats(), maxConnections);
        this.traffic = new TrafficCounter(node.stats());
    }

    @Override
    protected void initChannel(Channel ch) {
        var p = ch.pipeline();
        // refuse connections over max_connections before they cost anything more
        p.addLast("limit", limit);
        p.addLast("traffic", traffic);
        if (!idleTimeout.isZero()) {
            // like memcached's idle_timeout: a connection with no traffic at all is closed
            p.addLast("idle", new IdleStateHandler(0, 0, idleTimeout.toMillis(), java.util.concurrent.TimeUnit.MILLISECONDS));
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
        p.addLast("handler", new CommandHandler(node));
    }
}
