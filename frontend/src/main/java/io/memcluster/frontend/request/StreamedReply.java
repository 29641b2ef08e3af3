package io.memcluster.frontend.request;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import java.util.function.Consumer;

/**
 * The {@link ReplyStream} of one slot, paced by the socket: a part counts as unwritten from the
 * moment it is handed to the channel until its write completes (the socket took it), and the
 * producer is asked for more from a task of its own when one completes, never from inside
 * {@link OrderedReplies}, a write, or itself.
 *
 * <p>Pacing by write completions rather than by the channel's writability keeps the bound exact
 * (two parts, not the write-buffer water mark of 1 MiB) and independent of the user-defined
 * writability that {@link OrderedReplies} uses to pause reading while the stream holds the
 * commands after it.
 */
final class StreamedReply implements ReplyStream {

    private final ChannelHandlerContext ctx;
    private final ReplySlot slot;
    private final Producer producer;
    private final Consumer<StreamedReply> ended;
    private final ChannelFutureListener written = this::written;
    private final Runnable more = this::more;
    private int unwritten;
    private boolean begun;
    private boolean finished;
    private boolean abandoned;
    private boolean moreScheduled;

    /** @param ended told first when the producer ends the stream, before its slot completes */
    StreamedReply(ChannelHandlerContext ctx, ReplySlot slot, Producer producer,
            Consumer<StreamedReply> ended) {
        this.ctx = ctx;
        this.slot = slot;
        this.producer = producer;
        this.ended = ended;
    }

    ReplySlot slot() {
        return slot;
    }

    boolean begun() {
        return begun;
    }

    /** Every reply before this one is out: the producer is asked for the first parts. */
    void begin() {
        begun = true;
        scheduleMore();
    }

    /** The connection is gone: the producer hears of it once, unless it ended the reply already. */
    void abandon() {
        if (abandoned || finished) {
            return;
        }
        abandoned = true;
        producer.abandoned();
    }

    @Override
    public boolean ready() {
        return begun && !finished && !abandoned && unwritten < MAX_UNWRITTEN;
    }

    @Override
    public ByteBufAllocator alloc() {
        return ctx.alloc();
    }

    @Override
    public void write(ByteBuf part) {
        if (!begun || finished || abandoned) {
            part.release();
            throw new IllegalStateException(abandoned ? "the stream was abandoned"
                    : finished ? "the stream has ended" : "the stream has not begun");
        }
        if (!part.isReadable()) {
            part.release();
            return;
        }
        unwritten++;
        ctx.writeAndFlush(part).addListener(written);
    }

    @Override
    public void continueLater() {
        scheduleMore();
    }

    @Override
    public void end() {
        if (abandoned || finished) {
            return;
        }
        finished = true;
        ended.accept(this);
        slot.complete();
    }

    private void written(ChannelFuture write) {
        unwritten--;
        if (!write.isSuccess()) {
            // only a closing connection fails a write: it is abandoned when it is inactive, or now
            abandon();
            return;
        }
        scheduleMore();
    }

    private void scheduleMore() {
        if (!moreScheduled && !finished && !abandoned) {
            moreScheduled = true;
            ctx.executor().execute(more);
        }
    }

    private void more() {
        moreScheduled = false;
        if (ready()) {
            producer.more(this);
        }
    }
}
