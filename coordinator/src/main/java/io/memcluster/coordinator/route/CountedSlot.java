package io.memcluster.coordinator.route;

import io.memcluster.frontend.request.ReplySlot;
import io.memcluster.frontend.request.ReplyStream;
import io.netty.buffer.ByteBuf;

/**
 * A slot counted in a budget until its reply is done: {@link #uncount} runs once, when the slot
 * completes or turns to a stream (a stream pauses reading by itself, so it need count no longer).
 */
abstract class CountedSlot implements ReplySlot {

    private final ReplySlot slot;
    private boolean counted = true;

    CountedSlot(ReplySlot slot) {
        this.slot = slot;
    }

    /** Gives back what this slot was counted for. */
    protected abstract void uncount();

    @Override
    public final ByteBuf out() {
        return slot.out();
    }

    @Override
    public final void complete() {
        end();
        slot.complete();
    }

    @Override
    public final void holdFollowing() {
        slot.holdFollowing();
    }

    @Override
    public final void stream(ReplyStream.Producer producer) {
        end();
        slot.stream(producer);
    }

    private void end() {
        if (counted) {
            counted = false;
            uncount();
        }
    }
}
