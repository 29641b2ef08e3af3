package io.memcluster.coordinator.link;

import io.memcluster.protocol.Command;
import io.memcluster.protocol.CommandEncoder;
import io.memcluster.protocol.Reply;
import io.memcluster.protocol.ReplyDecoderException;
import io.memcluster.time.Ticker;
import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.util.ReferenceCountUtil;
import io.netty.util.concurrent.ScheduledFuture;
import java.util.ArrayDeque;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The requests in flight on one connection, oldest first, and the handler that matches replies to
 * them: a node answers in request order, so each reply belongs to the oldest request waiting.
 * Everything here runs on the connection's event loop.
 *
 * <p>Requests are encoded into one buffer per event-loop turn and written with one flush when
 * the turn's tasks run, so the requests of many clients read during one turn leave in one
 * write (and, over TLS, in as few records as fit).
 *
 * <p>Once the connection cannot be trusted to be in step (a timeout, a malformed reply, the
 * connection closing), every request in flight fails with one {@link LinkFailure.Kind} and the
 * queue takes no more: a new connection gets a new queue.
 */
final class InFlightQueue extends ChannelInboundHandlerAdapter {

    private static final Logger log = LoggerFactory.getLogger(InFlightQueue.class);

    /** What the queue tells its link. */
    interface Events {
        /** Tells nobody: for a connection of its own, whose requests say nothing of the node's health. */
        Events UNCOUNTED = new Events() {
            @Override
            public void replied() {
            }

            @Override
            public void failed(LinkFailure.Kind kind, int requests) {
            }

            @Override
            public void ended(InFlightQueue queue) {
            }
        };

        /** A request got its complete reply. */
        void replied();

        /** Every request in flight (at least one) is failing with {@code kind}. */
        void failed(LinkFailure.Kind kind, int requests);

        /**
         * The queue takes no more requests: the connection is out of step, closing or closed.
         * Told once, before the requests in flight are failed, so that a new connection can be
         * made while this one is still closing (a TLS close may wait for the peer).
         */
        void ended(InFlightQueue queue);
    }

    private static final class Pending {
        final ReplyCallback callback;
        long deadline;

        Pending(ReplyCallback callback, long deadline) {
            this.callback = callback;
            this.deadline = deadline;
        }
    }

    private final NodeAddress node;
    private final Ticker ticker;
    private final long timeoutNanos;
    private final int maxInFlight;
    private final long checkPeriodNanos;
    private final Events events;
    private final ArrayDeque<Pending> pending = new ArrayDeque<>();
    private final Runnable flushTask = this::flushNow;
    private ChannelHandlerContext ctx;
    private ByteBuf unflushed;
    private boolean flushScheduled;
    private ScheduledFuture<?> deadlineSweep;
    /** Set once the connection is out of step or closed: nothing is sent or matched any more. */
    private boolean broken;

    InFlightQueue(NodeAddress node, LinkSettings settings, Ticker ticker, Events events) {
        this.node = node;
        this.ticker = ticker;
        this.timeoutNanos = settings.requestTimeout().toNanos();
        this.maxInFlight = settings.maxInFlight();
        this.checkPeriodNanos = settings.deadlineCheckPeriod().toNanos();
        this.events = events;
    }

    int size() {
        return pending.size();
    }

    /** Queues {@code command}; fails the callback at once when the queue is broken or full. */
    void send(Command command, ReplyCallback callback) {
        if (broken || !ctx.channel().isActive()) {
            callback.failed(new LinkFailure(LinkFailure.Kind.NOT_CONNECTED, node, "the connection is closing"));
            return;
        }
        if (pending.size() >= maxInFlight) {
            callback.failed(new LinkFailure(LinkFailure.Kind.QUEUE_FULL, node,
                    maxInFlight + " requests are already waiting for replies"));
            return;
        }
        if (unflushed == null) {
            unflushed = ctx.alloc().ioBuffer();
        }
        int mark = unflushed.writerIndex();
        try {
            CommandEncoder.write(command, unflushed);
        } catch (RuntimeException e) {
            // NodeLink refuses what the encoder refuses, so this is a bug; keep the buffer clean
            unflushed.writerIndex(mark);
            callback.failed(new LinkFailure(LinkFailure.Kind.PROTOCOL, node,
                    "the request could not be encoded (" + e.getClass().getSimpleName() + ")"));
            return;
        }
        pending.add(new Pending(callback, ticker.nanos() + timeoutNanos));
        if (!flushScheduled) {
            flushScheduled = true;
            ctx.executor().execute(flushTask);
        }
    }

    private void flushNow() {
        flushScheduled = false;
        ByteBuf out = unflushed;
        unflushed = null;
        if (out == null) {
            return;
        }
        if (broken) {
            out.release();
            return;
        }
        // a failed write reaches exceptionCaught, which fails what is in flight
        ctx.writeAndFlush(out, ctx.voidPromise());
    }

    /** If the oldest request is past its deadline, fails every request in flight and closes. */
    void checkDeadlines() {
        Pending oldest = pending.peek();
        if (broken || oldest == null || ticker.nanos() - oldest.deadline < 0) {
            return;
        }
        // a reply arriving later could not be told from the reply to the next request
        failAll(LinkFailure.Kind.TIMEOUT, "no reply within " + TimeUnit.NANOSECONDS.toMillis(timeoutNanos) + " ms",
                true);
        ctx.close();
    }

    /** Fails what is in flight with {@code why} and closes, without counting it against the node. */
    void abandon(String why) {
        failAll(LinkFailure.Kind.CONNECTION_LOST, why, false);
        ctx.close();
    }

    @Override
    public void handlerAdded(ChannelHandlerContext ctx) {
        this.ctx = ctx;
        deadlineSweep = ctx.executor().scheduleAtFixedRate(this::checkDeadlines, checkPeriodNanos, checkPeriodNanos,
                TimeUnit.NANOSECONDS);
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        if (!(msg instanceof Reply reply)) {
            ReferenceCountUtil.release(msg);
            return;
        }
        if (broken) {
            return;
        }
        Pending oldest = pending.peek();
        if (oldest == null) {
            failAll(LinkFailure.Kind.PROTOCOL, "a reply arrived with no request waiting for it", true);
            ctx.close();
            return;
        }
        if (!reply.endsListing()) {
            // a listing that keeps coming is making progress: its deadline is for the next element
            oldest.deadline = ticker.nanos() + timeoutNanos;
            try {
                oldest.callback.element(reply);
            } catch (RuntimeException e) {
                callbackThrew(e);
            }
            return;
        }
        pending.poll();
        events.replied();
        try {
            oldest.callback.completed(reply);
        } catch (RuntimeException e) {
            callbackThrew(e);
        }
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        if (cause instanceof ReplyDecoderException) {
            // its message quotes the start of the line, which may be a key: not repeated here
            failAll(LinkFailure.Kind.PROTOCOL, "a reply that is not the memcached protocol", true);
        } else {
            failAll(LinkFailure.Kind.CONNECTION_LOST, LinkFailure.describe(cause), true);
        }
        ctx.close();
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) {
        failAll(LinkFailure.Kind.CONNECTION_LOST, "the connection closed", true);
        release();
        ctx.fireChannelInactive();
    }

    @Override
    public void handlerRemoved(ChannelHandlerContext ctx) {
        failAll(LinkFailure.Kind.CONNECTION_LOST, "the connection closed", true);
        release();
    }

    private void release() {
        if (deadlineSweep != null) {
            deadlineSweep.cancel(false);
            deadlineSweep = null;
        }
        if (unflushed != null) {
            unflushed.release();
            unflushed = null;
        }
    }

    private void failAll(LinkFailure.Kind kind, String detail, boolean countAgainstNode) {
        if (broken) {
            return;
        }
        broken = true;
        int failed = pending.size();
        // told first, so that the callbacks see the node's health and the link as they now are
        if (failed > 0 && countAgainstNode) {
            events.failed(kind, failed);
        }
        events.ended(this);
        // a callback that sends again meets a broken queue and fails at once, not in this loop
        for (Pending p = pending.poll(); p != null; p = pending.poll()) {
            try {
                p.callback.failed(new LinkFailure(kind, node, detail));
            } catch (RuntimeException e) {
                callbackThrew(e);
            }
        }
    }

    private void callbackThrew(RuntimeException e) {
        // the exception's message may quote a key: its type and where it was thrown only
        StackTraceElement[] trace = e.getStackTrace();
        log.warn("a reply callback for node {} threw {}{}", node, e.getClass().getName(),
                trace.length == 0 ? "" : " at " + trace[0]);
    }
}
