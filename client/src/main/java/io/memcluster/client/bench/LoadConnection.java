package io.memcluster.client.bench;

import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.handler.ssl.SslHandshakeCompletionEvent;
import java.util.concurrent.CompletableFuture;

/**
 * One connection's load: keeps the phase's depth of requests in flight, and times each from the
 * flush that sent it to the read that completed it. Replies come back in request order (the
 * protocol guarantees it), so a ring of send times and request kinds is all the bookkeeping.
 *
 * <p>Requests made in answer to the replies of one read are gathered in one buffer and flushed
 * once when the read is done, as the node answers one flush per read batch: fewer system calls on
 * both sides, and the same for every server measured. Everything here runs on the channel's event
 * loop.
 */
final class LoadConnection extends ChannelInboundHandlerAdapter implements ReplyFramer.Listener {

    private final int index;
    private final boolean tls;
    private final boolean login;
    private final int maxRequestLength;
    private final ReplyFramer framer = new ReplyFramer();
    private final long[] sentAt;
    private final Request[] sent;
    private final CompletableFuture<Void> ready = new CompletableFuture<>();

    private ChannelHandlerContext ctx;
    private int oldest;
    private int inFlight;
    /** Requests in {@link #outgoing}, not yet flushed and so not yet stamped with a send time. */
    private int unflushed;
    private ByteBuf outgoing;
    /** When the bytes being framed were read: every reply in one read shares it. */
    private long readAt;

    private Phase phase;
    private RequestSource source;
    private LoopStats stats;
    private boolean sourceDone;
    private boolean finished = true;

    /**
     * @param tls whether a TLS handshake must complete before the connection is ready
     * @param login whether a {@link LoginHandler} must report success before it is
     */
    LoadConnection(int index, int capacity, int maxRequestLength, boolean tls, boolean login) {
        this.index = index;
        this.tls = tls;
        this.login = login;
        this.maxRequestLength = maxRequestLength;
        this.sentAt = new long[capacity];
        this.sent = new Request[capacity];
    }

    /** Completes when the connection may carry load: connected, TLS handshake and login done. */
    CompletableFuture<Void> ready() {
        return ready;
    }

    @Override
    public void handlerAdded(ChannelHandlerContext ctx) {
        this.ctx = ctx;
    }

    /** Starts {@code phase} on this connection; call on the channel's event loop. */
    void begin(Phase phase, RequestSource source, LoopStats stats) {
        if (!ctx.channel().isActive()) {
            phase.fail("connection " + index + " was closed before the " + phase.name() + " began");
            phase.connectionFinished(System.nanoTime());
            return;
        }
        this.phase = phase;
        this.source = source;
        this.stats = stats;
        this.sourceDone = false;
        this.finished = false;
        fill();
        flush();
        finishIfDone(System.nanoTime());
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        ByteBuf in = (ByteBuf) msg;
        readAt = System.nanoTime();
        try {
            framer.feed(in, this);
        } catch (ReplyFormatException e) {
            failPhase("connection " + index + ": " + e.getMessage());
            ctx.close();
        } finally {
            in.release();
        }
    }

    @Override
    public void reply(Reply reply) {
        if (inFlight == 0) {
            throw new ReplyFormatException("a reply that no request asked for (" + reply + ")");
        }
        Request request = sent[oldest];
        long nanos = readAt - sentAt[oldest];
        sent[oldest] = null;
        oldest = (oldest + 1) % sent.length;
        inFlight--;
        if (phase != null && !stats.record(request, reply, nanos)) {
            phase.errorReply(framer.lastLine());
        }
        fill();
    }

    @Override
    public void channelReadComplete(ChannelHandlerContext ctx) {
        flush();
        finishIfDone(readAt);
    }

    @Override
    public void channelActive(ChannelHandlerContext ctx) {
        if (!tls && !login) {
            ready.complete(null);
        }
    }

    @Override
    public void userEventTriggered(ChannelHandlerContext ctx, Object event) {
        if (event instanceof SslHandshakeCompletionEvent handshake) {
            if (!handshake.isSuccess()) {
                ready.completeExceptionally(new BenchException("TLS handshake failed: " + message(handshake.cause())));
            } else if (!login) {
                ready.complete(null);
            }
        } else if (event == LoginHandler.LOGGED_IN) {
            ready.complete(null);
        }
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) {
        if (!ready.isDone()) {
            ready.completeExceptionally(new BenchException("the server closed the connection before it was ready"));
        }
        if (!finished) {
            failPhase("the server closed connection " + index + " with " + inFlight + " requests unanswered");
        }
        release();
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        if (!ready.isDone()) {
            ready.completeExceptionally(cause);
        }
        failPhase("connection " + index + ": " + message(cause));
        ctx.close();
    }

    private void fill() {
        if (phase == null || sourceDone) {
            return;
        }
        int depth = phase.depth();
        while (inFlight < depth) {
            if (outgoing == null) {
                outgoing = ctx.alloc().ioBuffer(maxRequestLength * (depth - inFlight));
            }
            Request request = source.writeNext(outgoing);
            if (request == null) {
                sourceDone = true;
                return;
            }
            sent[(oldest + inFlight) % sent.length] = request;
            inFlight++;
            unflushed++;
        }
    }

    private void flush() {
        if (outgoing == null) {
            return;
        }
        if (unflushed > 0) {
            long now = System.nanoTime();
            for (int i = inFlight - unflushed; i < inFlight; i++) {
                sentAt[(oldest + i) % sentAt.length] = now;
            }
            unflushed = 0;
            ctx.writeAndFlush(outgoing, ctx.voidPromise());
        } else {
            outgoing.release();
        }
        outgoing = null;
    }

    private void finishIfDone(long nanos) {
        if (!finished && sourceDone && inFlight == 0) {
            finished = true;
            Phase done = phase;
            phase = null;
            source = null;
            done.connectionFinished(nanos);
        }
    }

    private void failPhase(String reason) {
        if (!finished) {
            finished = true;
            Phase failed = phase;
            phase = null;
            failed.fail(reason);
            failed.connectionFinished(System.nanoTime());
        }
    }

    /**
     * What went wrong in words: the messages along the cause chain, since TLS engines wrap the one
     * that says it (a certificate path that does not build) in one that does not ("General
     * OpenSslEngine problem").
     */
    static String message(Throwable cause) {
        StringBuilder text = new StringBuilder();
        for (Throwable t = cause; t != null && t.getCause() != t; t = t.getCause()) {
            String message = t.getMessage() == null ? t.getClass().getSimpleName() : t.getMessage();
            if (text.indexOf(message) < 0) {
                text.append(text.length() == 0 ? "" : ": ").append(message);
            }
        }
        return text.toString();
    }

    private void release() {
        if (outgoing != null) {
            outgoing.release();
            outgoing = null;
        }
    }
}
