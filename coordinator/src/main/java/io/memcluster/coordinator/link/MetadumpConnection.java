package io.memcluster.coordinator.link;

import io.memcluster.protocol.Command;
import io.memcluster.protocol.CommandEncoder;
import io.memcluster.protocol.Reply;
import io.memcluster.protocol.ReplyDecoderException;
import io.memcluster.time.Ticker;
import io.netty.buffer.ByteBuf;
import io.netty.channel.AdaptiveRecvByteBufAllocator;
import io.netty.channel.Channel;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.EventLoop;
import io.netty.util.ReferenceCountUtil;
import io.netty.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

/**
 * A connection of its own to one node for one {@code lru_crawler metadump}, read only when its
 * owner asks ({@link #read()}): the pooled links are shared by every client of their event loop
 * and must never stop reading, but a dump must stop at the node when its client stops reading,
 * so that neither the node nor the coordinator holds more than a read's worth of it.
 *
 * <p>Made as a pooled link is (TCP, the same mutual TLS, {@code version} answered: see
 * {@link LinkConnector}), then switched to reading on demand, a read of at most
 * {@link #MAX_READ_BYTES}. The node's crawler is the dump's until the connection closes, so it is
 * closed as soon as the listing ends, or when the owner {@link #close()}s it.
 *
 * <p>A node that sends nothing for the request timeout while a read is wanted fails the dump
 * (a paused dump has no deadline: its client is the one not reading). Confined to one event
 * loop, the one its owner runs on.
 */
public final class MetadumpConnection {

    /** Bytes taken from the socket per read the owner asks for. */
    static final int MAX_READ_BYTES = 64 * 1024;
    private static final long NOT_WAITING = Long.MIN_VALUE;

    /** What the owner hears; nothing after its own {@link #close()}. */
    public interface Listener {
        /** One line of the node's listing. */
        void line(Reply.KeyMetadata line);

        /** A read is over: ask for the next one with {@link #read()} when there is room for it. */
        void readDone();

        /** The listing ended: {@code END}, or the line the node answered instead ({@code BUSY ...}). */
        void ended(Reply last);

        /** The listing will not end: the node could not be reached, or the connection failed. */
        void failed(LinkFailure failure);
    }

    private final NodeAddress node;
    private final EventLoop loop;
    private final Ticker ticker;
    private final long timeoutNanos;
    private final Listener listener;
    private Channel channel;
    private ChannelHandlerContext ctx;
    private ScheduledFuture<?> deadlineSweep;
    /** When the owner last asked for data that has not come yet; NOT_WAITING otherwise. */
    private long waitingSince = NOT_WAITING;
    private boolean readWanted;
    /** Set once the listener has heard its last word, or the owner closed: nothing more is told. */
    private boolean over;

    private MetadumpConnection(NodeAddress node, EventLoop loop, Ticker ticker, LinkSettings settings,
            Listener listener) {
        this.node = node;
        this.loop = loop;
        this.ticker = ticker;
        this.timeoutNanos = settings.requestTimeout().toNanos();
        this.listener = listener;
    }

    /** Connects on {@code loop} and sends {@code command}; the first read follows by itself. */
    static MetadumpConnection open(LinkConnector connector, NodeAddress node, EventLoop loop, Ticker ticker,
            LinkSettings settings, Command.LruCrawler command, Listener listener) {
        MetadumpConnection connection = new MetadumpConnection(node, loop, ticker, settings, listener);
        connector.connectOwn(loop, ticker, channel -> connection.channel = channel).addListener(done -> {
            if (done.isSuccess()) {
                connection.startDump(command);
            } else {
                connection.fail((LinkFailure) done.cause());
            }
        });
        return connection;
    }

    /** Asks for the next read; a no-op once the listing is over. */
    public void read() {
        if (over) {
            return;
        }
        readWanted = true;
        if (waitingSince == NOT_WAITING) {
            waitingSince = ticker.nanos();
        }
        if (ctx != null) {
            ctx.read();
        }
    }

    /** Closes the connection, giving the node's crawler back; the listener hears nothing more. */
    public void close() {
        over = true;
        stopSweep();
        if (channel != null) {
            channel.close();
        }
    }

    private void startDump(Command.LruCrawler command) {
        if (over) {
            channel.close();
            return;
        }
        channel.config().setAutoRead(false);
        AdaptiveRecvByteBufAllocator reads = new AdaptiveRecvByteBufAllocator(512, 8 * 1024, MAX_READ_BYTES);
        reads.maxMessagesPerRead(1);
        channel.config().setRecvByteBufAllocator(reads);
        // the version asked, its queue is done: from here this connection carries one listing
        channel.pipeline().replace("in-flight", "metadump", new Reader());
        ByteBuf request = channel.alloc().ioBuffer(64);
        CommandEncoder.write(command, request);
        channel.writeAndFlush(request).addListener(written -> {
            if (!written.isSuccess()) {
                fail(new LinkFailure(LinkFailure.Kind.CONNECTION_LOST, node, LinkFailure.describe(written.cause())));
            }
        });
        long period = Math.max(1, Math.min(timeoutNanos / 4, TimeUnit.MILLISECONDS.toNanos(100)));
        deadlineSweep = loop.scheduleAtFixedRate(this::checkDeadline, period, period, TimeUnit.NANOSECONDS);
        // the first read whether asked or not (the listing's start or the node's refusal); the
        // time to connect is the connect timeout's, not counted as waiting for the listing
        waitingSince = NOT_WAITING;
        read();
    }

    private void checkDeadline() {
        long since = waitingSince;
        if (!over && since != NOT_WAITING && ticker.nanos() - since > timeoutNanos) {
            fail(new LinkFailure(LinkFailure.Kind.TIMEOUT, node,
                    "no part of the listing within " + TimeUnit.NANOSECONDS.toMillis(timeoutNanos) + " ms"));
        }
    }

    /** The last word for the listener: the connection is closed first, giving the crawler back. */
    private void fail(LinkFailure failure) {
        if (over) {
            return;
        }
        close();
        listener.failed(failure);
    }

    private void stopSweep() {
        if (deadlineSweep != null) {
            deadlineSweep.cancel(false);
            deadlineSweep = null;
        }
    }

    /** The node's listing, one decoded line at a time. */
    private final class Reader extends ChannelInboundHandlerAdapter {

        @Override
        public void handlerAdded(ChannelHandlerContext context) {
            ctx = context;
        }

        @Override
        public void channelRead(ChannelHandlerContext context, Object msg) {
            if (!(msg instanceof Reply reply)) {
                ReferenceCountUtil.release(msg);
                return;
            }
            if (over) {
                return;
            }
            waitingSince = NOT_WAITING;
            readWanted = false;
            if (reply instanceof Reply.KeyMetadata line) {
                listener.line(line);
            } else if (reply.endsListing()) {
                close();
                listener.ended(reply);
            } else {
                fail(new LinkFailure(LinkFailure.Kind.PROTOCOL, node, "a reply that is not a metadump line"));
            }
        }

        @Override
        public void channelReadComplete(ChannelHandlerContext context) {
            if (!over && !readWanted) {
                listener.readDone();
            }
        }

        @Override
        public void exceptionCaught(ChannelHandlerContext context, Throwable cause) {
            // a decoder's message quotes the start of the line, which may be a key: not repeated
            fail(new LinkFailure(cause instanceof ReplyDecoderException ? LinkFailure.Kind.PROTOCOL
                    : LinkFailure.Kind.CONNECTION_LOST, node, cause instanceof ReplyDecoderException
                    ? "a reply that is not the memcached protocol" : LinkFailure.describe(cause)));
        }

        @Override
        public void channelInactive(ChannelHandlerContext context) {
            fail(new LinkFailure(LinkFailure.Kind.CONNECTION_LOST, node, "the connection closed"));
        }
    }
}
