package io.memcluster.client.connection;

import io.memcluster.protocol.Reply;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import java.time.Duration;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * Hands decoded replies from the event loop to the one thread that waits for them. Reading
 * stops while {@link #HIGH_WATER} elements wait, so a listing of millions of keys read slower
 * than it arrives holds a bounded number of them in memory, and resumes below
 * {@link #LOW_WATER}.
 */
final class ReplyQueue extends ChannelInboundHandlerAdapter {

    static final int HIGH_WATER = 4096;
    static final int LOW_WATER = 1024;

    /** Put in the queue when the channel is gone, so that a waiting caller wakes at once. */
    private static final Object CLOSED = new Object();

    private final BlockingQueue<Object> queue = new LinkedBlockingQueue<>();
    private volatile Throwable failure;
    private volatile ChannelHandlerContext ctx;

    @Override
    public void handlerAdded(ChannelHandlerContext ctx) {
        this.ctx = ctx;
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        queue.add(msg);
        if (queue.size() >= HIGH_WATER) {
            ctx.channel().config().setAutoRead(false);
        }
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) {
        queue.add(CLOSED);
        ctx.fireChannelInactive();
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        if (failure == null) {
            failure = cause;
        }
        ctx.close();
    }

    /** What broke the connection, if anything did before it closed. */
    Throwable failure() {
        return failure;
    }

    /**
     * The next reply element.
     *
     * @return the element, or null when the connection is closed (see {@link #failure()})
     * @throws ReplyTimeoutException when none came in time
     */
    Reply take(Duration timeout) throws InterruptedException {
        Object next = queue.poll(timeout.toNanos(), TimeUnit.NANOSECONDS);
        if (next == null) {
            throw new ReplyTimeoutException();
        }
        if (next == CLOSED) {
            queue.add(CLOSED); // every later take sees it too
            return null;
        }
        ChannelHandlerContext context = ctx;
        if (context != null && queue.size() < LOW_WATER && !context.channel().config().isAutoRead()) {
            context.channel().config().setAutoRead(true);
        }
        return (Reply) next;
    }

    /** No reply within the timeout. */
    static final class ReplyTimeoutException extends RuntimeException {
        ReplyTimeoutException() {
            super(null, null, false, false);
        }
    }
}
