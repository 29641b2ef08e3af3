package io.memcluster.coordinator.route;

import static org.assertj.core.api.Assertions.assertThat;

import io.memcluster.frontend.request.ReplySlot;
import io.memcluster.frontend.request.ReplyStream;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import org.junit.jupiter.api.Test;

/**
 * The values of writes at the nodes, over all connections: the write that takes them past the
 * limit holds what follows it on its connection, and each completion gives its bytes back.
 */
class WriteBudgetTest {

    /** A slot that records whether it held the commands after it. */
    private static final class RecordingSlot implements ReplySlot {
        boolean held;
        boolean completed;

        @Override
        public ByteBuf out() {
            return Unpooled.buffer();
        }

        @Override
        public void complete() {
            completed = true;
        }

        @Override
        public void holdFollowing() {
            held = true;
        }

        @Override
        public void stream(ReplyStream.Producer producer) {
            throw new AssertionError("a write's reply is never streamed");
        }
    }

    @Test
    void theWriteThatPassesTheLimitHoldsWhatFollowsAndCompletionsGiveTheBytesBack() {
        WriteBudget budget = new WriteBudget(3 << 20);
        RecordingSlot first = new RecordingSlot();
        RecordingSlot second = new RecordingSlot();
        RecordingSlot third = new RecordingSlot();

        ReplySlot a = budget.begin(first, 1 << 20);
        ReplySlot b = budget.begin(second, 2 << 20);
        ReplySlot c = budget.begin(third, 1 << 20);

        assertThat(first.held).isFalse();
        assertThat(second.held).as("exactly at the limit").isFalse();
        assertThat(third.held).as("past the limit").isTrue();
        assertThat(budget.used()).isEqualTo(4 << 20);

        a.complete();
        b.complete();
        c.complete();
        c.complete();
        assertThat(first.completed && second.completed && third.completed).isTrue();
        assertThat(budget.used()).as("each write gives its bytes back once").isZero();

        RecordingSlot next = new RecordingSlot();
        budget.begin(next, 1 << 20);
        assertThat(next.held).isFalse();
    }
}
