package io.memcluster.coordinator.link;

import io.memcluster.time.ManualTicker;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelOutboundHandlerAdapter;
import io.netty.channel.embedded.EmbeddedChannel;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * A {@link NodeLink} over an {@link EmbeddedChannel}: the test plays the node, writing reply
 * bytes in and reading request bytes out, and counts the flushes that reach the socket.
 */
final class EmbeddedLink implements AutoCloseable {

    static final NodeAddress NODE = new NodeAddress("node-1", "127.0.0.1", 12001);

    final ManualTicker ticker = new ManualTicker();
    final EmbeddedChannel channel;
    final NodeLink link;
    final List<String> events = new ArrayList<>();
    private int flushes;

    EmbeddedLink() {
        this(LinkSettings.defaults());
    }

    EmbeddedLink(LinkSettings settings) {
        channel = new EmbeddedChannel(new ChannelOutboundHandlerAdapter() {
            @Override
            public void flush(ChannelHandlerContext ctx) {
                flushes++;
                ctx.flush();
            }
        });
        link = NodeLink.over(channel, NODE, settings, ticker, new NodeLink.Events() {
            @Override
            public void replied() {
                events.add("replied");
            }

            @Override
            public void failed(NodeLink failed, LinkFailure.Kind kind, int requests) {
                events.add(kind + " x" + requests);
            }

            @Override
            public void disconnected(NodeLink gone) {
                events.add("disconnected");
            }
        });
    }

    /** Ends the turn (runs the flush task) and returns every byte written since the last call. */
    String written() {
        channel.runPendingTasks();
        StringBuilder out = new StringBuilder();
        for (ByteBuf buf = channel.readOutbound(); buf != null; buf = channel.readOutbound()) {
            out.append(buf.toString(StandardCharsets.ISO_8859_1));
            buf.release();
        }
        return out.toString();
    }

    /** How many buffers were written since the last call (after ending the turn). */
    int writes() {
        channel.runPendingTasks();
        int count = 0;
        for (ByteBuf buf = channel.readOutbound(); buf != null; buf = channel.readOutbound()) {
            count++;
            buf.release();
        }
        return count;
    }

    int flushes() {
        return flushes;
    }

    /** The node's bytes, each string one read. */
    void reply(String... reads) {
        for (String read : reads) {
            channel.writeInbound(Unpooled.copiedBuffer(read, StandardCharsets.ISO_8859_1));
        }
    }

    @Override
    public void close() {
        channel.finishAndReleaseAll();
    }
}
