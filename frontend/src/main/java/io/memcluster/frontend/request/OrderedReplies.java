package io.memcluster.frontend.request;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelOutboundBuffer;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;

/**
 * One connection's replies, written in request order however their slots complete.
 *
 * <p>The usual case costs nothing extra: while no earlier reply is outstanding, the next slot is
 * a reusable one that writes straight into the connection's reply buffer, which is flushed once
 * per read batch. Only behind an outstanding slot does a slot get a buffer of its own, appended
 * when everything before it is done.
 *
 * <p>Two conditions stop the decoder from handing over more commands, through Netty's
 * user-defined writability (the decoder already pauses while the channel is not writable): a
 * slot that holds the ones after it, and more than {@link #MAX_WAITING} slots outstanding (a
 * client pipelining faster than the nodes answer).
 *
 * <p>A slot may instead stream its reply ({@link ReplySlot#stream}): once every reply before it
 * is out its parts go straight to the channel, paced by the socket (see {@link StreamedReply}).
 * While any stream is unfinished reading pauses too, so a client that does not read its large
 * reply holds a couple of parts, not the commands it sent after it. On a coordinator several
 * outstanding slots may turn to streams; each begins when the one before it has ended.
 */
final class OrderedReplies {

    /** A batch of replies this large is handed to the channel at once, so writability reflects it. */
    static final int EARLY_WRITE_BYTES = 64 * 1024;
    /** Outstanding slots beyond which reading pauses; resumed at half. */
    static final int MAX_WAITING = 4096;
    /** A completed reply smaller than this is copied into the batch rather than written on its own. */
    private static final int COPY_BELOW = 4096;
    private static final int HOLD_BIT = 1;
    private static final int BACKLOG_BIT = 2;
    private static final int STREAM_BIT = 3;

    private final ChannelHandlerContext ctx;
    private final Direct direct = new Direct();
    private final ArrayDeque<Deferred> waiting = new ArrayDeque<>();
    private final Runnable scheduledFlush = this::scheduledFlush;
    private final Runnable released;
    private ByteBuf out;
    private boolean directBusy;
    private ReplySlot holder;
    /**
     * Streams asked for and not ended (on a coordinator several outstanding slots may turn to
     * streams, in any order; usually there is one); while there are any, reading pauses.
     */
    private final List<StreamedReply> streams = new ArrayList<>(1);
    private boolean backlogged;
    private boolean unflushed;
    private boolean flushScheduled;
    private boolean reading;
    private boolean closeWhenDone;
    private boolean closed;
    private boolean gone;

    /** @param released run when a holding slot completes, so that what waited behind it can go on */
    OrderedReplies(ChannelHandlerContext ctx, Runnable released) {
        this.ctx = ctx;
        this.released = released;
    }

    /** The slot for the next command in request order. */
    ReplySlot next() {
        if (!directBusy && waiting.isEmpty()) {
            directBusy = true;
            return direct;
        }
        Deferred slot = new Deferred();
        waiting.add(slot);
        if (!backlogged && waiting.size() >= MAX_WAITING) {
            backlogged = true;
            writable(BACKLOG_BIT, false);
        }
        return slot;
    }

    /** Slots handed out and not completed yet. */
    int outstanding() {
        int count = directBusy ? 1 : 0;
        for (Deferred slot : waiting) {
            if (!slot.done) {
                count++;
            }
        }
        return count;
    }

    /** A read batch begins: its end flushes, so completions during it need no flush of their own. */
    void reading() {
        reading = true;
    }

    /** Hands a large batch to the channel now, so that its writability (and the decoder) reflect it. */
    void writeIfLarge() {
        if (out != null && out.readableBytes() >= EARLY_WRITE_BYTES) {
            ctx.writeAndFlush(takeBatch(), ctx.voidPromise());
        }
    }

    /** The end of a read batch, or a scheduled flush: everything ready goes out in one write. */
    void flush() {
        reading = false;
        if (closed) {
            return;
        }
        if (out != null && out.isReadable()) {
            unflushed = true;
            ctx.write(takeBatch(), ctx.voidPromise());
        }
        if (closeWhenDone && !directBusy && waiting.isEmpty()) {
            closed = true;
            ctx.writeAndFlush(Unpooled.EMPTY_BUFFER).addListener(ChannelFutureListener.CLOSE);
            unflushed = false;
            return;
        }
        if (unflushed) {
            unflushed = false;
            ctx.flush();
        }
    }

    /** Closes once every reply due now is written (quit, a runaway line, shutdown). */
    void closeWhenDone() {
        closeWhenDone = true;
        if (!reading) {
            flush();
        }
    }

    boolean closing() {
        return closeWhenDone;
    }

    /** The channel is gone: what is buffered is dropped; slots completed later release their own bytes. */
    void release() {
        gone = true;
        List<StreamedReply> abandoned = new ArrayList<>(streams);
        streams.clear();
        abandoned.forEach(StreamedReply::abandon);
        if (out != null) {
            out.release();
            out = null;
        }
        Deferred slot;
        while ((slot = waiting.poll()) != null) {
            slot.drop();
        }
    }

    /**
     * The batch, no longer ours: taken before it is written, since a write can re-enter this
     * class (writability changes resume the decoder, whose commands write new replies).
     */
    private ByteBuf takeBatch() {
        ByteBuf batch = out;
        out = null;
        return batch;
    }

    private ByteBuf batch() {
        if (out == null) {
            out = ctx.alloc().ioBuffer(1024);
        }
        return out;
    }

    /** Appends every completed reply at the head, in order, and arranges for them to be flushed. */
    private void drain() {
        boolean appended = false;
        while (!directBusy && !waiting.isEmpty() && waiting.peek().done) {
            Deferred slot = waiting.poll();
            ByteBuf reply = slot.buf;
            slot.buf = null;
            if (reply == null) {
                continue;
            }
            if (reply.readableBytes() < COPY_BELOW) {
                batch().writeBytes(reply);
                reply.release();
            } else {
                unflushed = true;
                if (out != null && out.isReadable()) {
                    ctx.write(takeBatch(), ctx.voidPromise());
                }
                ctx.write(reply, ctx.voidPromise());
            }
            appended = true;
        }
        if (backlogged && waiting.size() <= MAX_WAITING / 2) {
            backlogged = false;
            writable(BACKLOG_BIT, true);
        }
        boolean ready = appended || unflushed || closeWhenDone || (out != null && out.isReadable());
        if (ready && !reading) {
            if (out != null && out.readableBytes() >= EARLY_WRITE_BYTES) {
                flush();
            } else if (!flushScheduled) {
                // Later in this event-loop turn: every slot completed by the same batch of node
                // replies then leaves in one write.
                flushScheduled = true;
                ctx.executor().execute(scheduledFlush);
            }
        }
        beginStreamIfFirst();
    }

    /** {@link ReplySlot#stream}: the slot holds the ones after it and streams once it is first. */
    private void startStream(ReplySlot slot, ReplyStream.Producer producer) {
        if (gone) {
            producer.abandoned();
            return;
        }
        StreamedReply stream = new StreamedReply(ctx, slot, producer, this::streamEnded);
        streams.add(stream);
        if (streams.size() == 1) {
            writable(STREAM_BIT, false);
        }
        beginStreamIfFirst();
    }

    /**
     * Begins the stream once every reply before it is out: the direct slot at once, a deferred
     * one when those before it have completed. What is batched, and what the slot wrote before
     * it streamed, goes to the channel first.
     */
    private void beginStreamIfFirst() {
        ReplySlot slot = directBusy ? direct : waiting.peek();
        StreamedReply stream = null;
        for (StreamedReply candidate : streams) {
            if (candidate.slot() == slot) {
                stream = candidate;
            }
        }
        if (stream == null || stream.begun()) {
            return;
        }
        boolean wrote = false;
        if (out != null && out.isReadable()) {
            ctx.write(takeBatch(), ctx.voidPromise());
            wrote = true;
        }
        if (slot instanceof Deferred deferred && deferred.buf != null) {
            ByteBuf before = deferred.buf;
            deferred.buf = null;
            ctx.write(before, ctx.voidPromise());
            wrote = true;
        }
        if (wrote) {
            // the stream's first part may be a while coming (a coordinator waits for its nodes)
            ctx.flush();
        }
        stream.begin();
    }

    /** The producer ended its stream; its slot completes next. */
    private void streamEnded(StreamedReply stream) {
        streams.remove(stream);
        if (streams.isEmpty()) {
            writable(STREAM_BIT, true);
        }
    }

    private void scheduledFlush() {
        flushScheduled = false;
        if (!gone && !closed) {
            flush();
        }
    }

    private void completed(ReplySlot slot) {
        if (!gone) {
            drain();
        }
        if (holder == slot) {
            holder = null;
            writable(HOLD_BIT, true);
            if (!gone) {
                released.run();
            }
        }
    }

    /** Whether a slot holds the commands after it. */
    boolean holding() {
        return holder != null;
    }

    private void hold(ReplySlot slot) {
        holder = slot;
        writable(HOLD_BIT, false);
    }

    private void writable(int bit, boolean writable) {
        ChannelOutboundBuffer buffer = ctx.channel().unsafe().outboundBuffer();
        if (buffer != null) {
            buffer.setUserDefinedWritability(bit, writable);
        }
    }

    /** The slot of a reply with nothing outstanding before it: it writes straight into the batch. */
    private final class Direct implements ReplySlot {
        /** Where a slot completed after the channel closed writes: thrown away on completion. */
        private ByteBuf scratch;

        @Override
        public ByteBuf out() {
            if (gone) {
                if (scratch == null) {
                    scratch = Unpooled.buffer();
                }
                return scratch;
            }
            return batch();
        }

        @Override
        public void complete() {
            if (!ctx.executor().inEventLoop()) {
                ctx.executor().execute(this::complete);
                return;
            }
            if (scratch != null) {
                scratch.release();
                scratch = null;
            }
            directBusy = false;
            completed(this);
        }

        @Override
        public void holdFollowing() {
            hold(this);
        }

        @Override
        public void stream(ReplyStream.Producer producer) {
            startStream(this, producer);
        }
    }

    /** The slot of a reply behind an outstanding one: it fills a buffer of its own. */
    private final class Deferred implements ReplySlot {
        ByteBuf buf;
        boolean done;

        @Override
        public ByteBuf out() {
            if (buf == null) {
                buf = gone ? Unpooled.buffer() : ctx.alloc().ioBuffer(256);
            }
            return buf;
        }

        @Override
        public void complete() {
            if (!ctx.executor().inEventLoop()) {
                ctx.executor().execute(this::complete);
                return;
            }
            done = true;
            if (gone) {
                drop();
            }
            completed(this);
        }

        @Override
        public void holdFollowing() {
            hold(this);
        }

        @Override
        public void stream(ReplyStream.Producer producer) {
            startStream(this, producer);
        }

        void drop() {
            if (buf != null) {
                buf.release();
                buf = null;
            }
        }
    }
}
