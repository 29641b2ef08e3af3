package io.memcluster.client.connection;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.memcluster.protocol.Reply;
import io.netty.channel.embedded.EmbeddedChannel;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/** Replies wait in a bounded queue: a slow reader of a huge listing stops the socket reads. */
class ReplyQueueTest {

    @Test
    void readingStopsAtTheHighWaterMarkAndResumesBelowTheLowOne() throws Exception {
        ReplyQueue queue = new ReplyQueue();
        EmbeddedChannel channel = new EmbeddedChannel(queue);
        for (int i = 0; i < ReplyQueue.HIGH_WATER; i++) {
            channel.writeInbound(new Reply.Stat("n" + i, "v"));
        }
        assertThat(channel.config().isAutoRead()).isFalse();
        int taken = 0;
        while (!channel.config().isAutoRead()) {
            assertThat(queue.take(Duration.ofSeconds(1))).isInstanceOf(Reply.Stat.class);
            taken++;
        }
        assertThat(taken).isEqualTo(ReplyQueue.HIGH_WATER - ReplyQueue.LOW_WATER + 1);
        channel.finishAndReleaseAll();
    }

    @Test
    void aClosedChannelWakesTheReaderEveryTime() throws Exception {
        ReplyQueue queue = new ReplyQueue();
        EmbeddedChannel channel = new EmbeddedChannel(queue);
        channel.writeInbound(Reply.End.INSTANCE);
        channel.close();
        assertThat(queue.take(Duration.ofSeconds(1))).isEqualTo(Reply.End.INSTANCE);
        assertThat(queue.take(Duration.ofSeconds(1))).isNull();
        assertThat(queue.take(Duration.ofSeconds(1))).isNull();
    }

    @Test
    void nothingInTimeIsATimeout() {
        ReplyQueue queue = new ReplyQueue();
        new EmbeddedChannel(queue);
        assertThatThrownBy(() -> queue.take(Duration.ofMillis(50))).isInstanceOf(ReplyQueue.ReplyTimeoutException.class);
    }
}
