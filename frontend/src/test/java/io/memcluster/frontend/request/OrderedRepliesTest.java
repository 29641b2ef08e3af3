package io.memcluster.frontend.request;

import static org.assertj.core.api.Assertions.assertThat;

import io.memcluster.auth.NamespaceAccess;
import io.memcluster.frontend.net.ConnectionRegistry;
import io.memcluster.frontend.stats.FrontendStats;
import io.memcluster.logging.PerAddressLogLimiter;
import io.memcluster.protocol.Command;
import io.memcluster.protocol.TextCommandDecoder;
import io.memcluster.time.ManualClock;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelOutboundHandlerAdapter;
import io.netty.channel.embedded.EmbeddedChannel;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Replies leave in request order however the executor completes their slots, in one write per
 * batch: what a coordinator, whose replies come back from nodes in any order, relies on.
 */
class OrderedRepliesTest {

    /** Answers {@code get <key>} later, when the test says; {@code mn} and the rest at once. */
    private final class LaterExecutor implements CommandExecutor {
        @Override
        public void execute(Command command, ReplySlot slot) {
            executed.add(command);
            if (command instanceof Command.Retrieval get) {
                String key = new String(get.keys()[0], StandardCharsets.US_ASCII);
                waiting.put(key, slot);
                if (key.startsWith("hold")) {
                    slot.holdFollowing();
                }
            } else {
                slot.out().writeCharSequence("MN\r\n", StandardCharsets.US_ASCII);
                slot.complete();
            }
        }
    }

    private final Map<String, ReplySlot> waiting = new LinkedHashMap<>();
    private final List<Command> executed = new ArrayList<>();
    private int flushes;
    private EmbeddedChannel channel;

    private EmbeddedChannel channel() {
        FrontendStats stats = new FrontendStats();
        channel = new EmbeddedChannel(
                new ChannelOutboundHandlerAdapter() {
                    @Override
                    public void flush(ChannelHandlerContext ctx) {
                        flushes++;
                        ctx.flush();
                    }
                },
                new TextCommandDecoder(1 << 20),
                new RequestHandler(connection -> new LaterExecutor(), NamespaceAccess.withoutAuth(), stats,
                        new ConnectionRegistry(new ManualClock()), new PerAddressLogLimiter(new ManualClock())));
        return channel;
    }

    @AfterEach
    void release() {
        if (channel != null) {
            channel.finishAndReleaseAll();
        }
    }

    private void send(String text) {
        channel.writeInbound(Unpooled.copiedBuffer(text, StandardCharsets.US_ASCII));
        channel.runPendingTasks();
    }

    private void answer(String key) {
        ReplySlot slot = waiting.remove(key);
        slot.out().writeCharSequence("VALUE " + key + " 0 1\r\nx\r\nEND\r\n", StandardCharsets.US_ASCII);
        slot.complete();
        channel.runPendingTasks();
    }

    private String written() {
        StringBuilder all = new StringBuilder();
        ByteBuf buf;
        while ((buf = channel.readOutbound()) != null) {
            all.append(buf.toString(StandardCharsets.US_ASCII));
            buf.release();
        }
        return all.toString();
    }

    @Test
    void repliesCompletedInReverseOrderAreWrittenInRequestOrder() {
        channel();
        send("get a\r\nget b\r\nget c\r\n");
        answer("c");
        answer("b");
        assertThat(written()).as("nothing may pass the unanswered first request").isEmpty();
        answer("a");
        assertThat(written()).isEqualTo("VALUE a 0 1\r\nx\r\nEND\r\nVALUE b 0 1\r\nx\r\nEND\r\n"
                + "VALUE c 0 1\r\nx\r\nEND\r\n");
    }

    /** Writes {@code parts} parts named after {@code key}, then ends. */
    private static ReplyStream.Producer parts(String key, int parts) {
        return new ReplyStream.Producer() {
            private int written;

            @Override
            public void more(ReplyStream stream) {
                while (stream.ready() && written < parts) {
                    written++;
                    stream.write(Unpooled.copiedBuffer(key + "." + written + "\r\n", StandardCharsets.US_ASCII));
                }
                if (written == parts) {
                    stream.end();
                }
            }

            @Override
            public void abandoned() {
            }
        };
    }

    /** A coordinator's outstanding gets may each turn to a stream: each begins when the one before it ends. */
    @Test
    void outstandingSlotsThatStreamLeaveOneAfterTheOtherInRequestOrder() {
        channel();
        send("get a\r\nget b\r\nmn\r\n");
        waiting.remove("b").stream(parts("b", 3));
        channel.runPendingTasks();
        assertThat(written()).as("nothing may pass the unanswered first request").isEmpty();
        waiting.remove("a").stream(parts("a", 3));
        for (int i = 0; i < 10; i++) {
            channel.runPendingTasks();
        }
        assertThat(written()).isEqualTo("a.1\r\na.2\r\na.3\r\nb.1\r\nb.2\r\nb.3\r\nMN\r\n");
        assertThat(channel.isWritable()).as("reading goes on once the streams have ended").isTrue();
    }

    @Test
    void aLoneReplyCompletedAfterTheReadBatchIsFlushed() {
        channel();
        send("get a\r\n");
        assertThat(written()).isEmpty();
        answer("a");
        assertThat(written()).isEqualTo("VALUE a 0 1\r\nx\r\nEND\r\n");
    }

    @Test
    void anImmediateReplyWaitsBehindAnOutstandingOne() {
        channel();
        send("mn\r\nget a\r\nmn\r\n");
        assertThat(written()).isEqualTo("MN\r\n");
        answer("a");
        assertThat(written()).isEqualTo("VALUE a 0 1\r\nx\r\nEND\r\nMN\r\n");
    }

    @Test
    void aPipelineOfImmediateRepliesCostsOneFlush() {
        channel();
        send("mn\r\n".repeat(100));
        assertThat(written()).isEqualTo("MN\r\n".repeat(100));
        assertThat(flushes).isEqualTo(1);
    }

    @Test
    void slotsCompletedTogetherLeaveInOneFlush() {
        channel();
        send("get a\r\nget b\r\nget c\r\n");
        int before = flushes;
        for (String key : List.of("a", "b", "c")) {
            ReplySlot slot = waiting.remove(key);
            slot.out().writeCharSequence(key + "\r\n", StandardCharsets.US_ASCII);
            slot.complete();
        }
        channel.runPendingTasks();
        assertThat(written()).isEqualTo("a\r\nb\r\nc\r\n");
        assertThat(flushes - before).isEqualTo(1);
    }

    @Test
    void quitClosesOnlyAfterTheRepliesDueBeforeIt() {
        channel();
        send("get a\r\nquit\r\nmn\r\n");
        assertThat(channel.isOpen()).isTrue();
        answer("a");
        assertThat(written()).as("the mn after quit is never answered").isEqualTo("VALUE a 0 1\r\nx\r\nEND\r\n");
        assertThat(channel.isOpen()).isFalse();
        assertThat(executed).hasSize(1);
    }

    @Test
    void aHoldingSlotKeepsTheCommandsAfterItUntilItCompletes() {
        channel();
        send("get hold\r\nmn\r\nmn\r\n");
        assertThat(executed).as("the mn commands wait for the held change").hasSize(1);
        answer("hold");
        assertThat(executed).hasSize(3);
        assertThat(written()).isEqualTo("VALUE hold 0 1\r\nx\r\nEND\r\nMN\r\nMN\r\n");
    }

    @Test
    void tooManyOutstandingRepliesPauseReadingUntilHalfAreAnswered() {
        channel();
        int many = OrderedReplies.MAX_WAITING + 10;
        StringBuilder pipeline = new StringBuilder();
        for (int i = 0; i < many; i++) {
            pipeline.append("get k").append(i).append("\r\n");
        }
        send(pipeline.toString());
        assertThat(channel.isWritable()).isFalse();
        assertThat(executed.size()).as("decoding stops at the bound").isLessThan(many);
        int decoded = executed.size();
        for (int i = 0; i < decoded; i++) {
            answer("k" + i);
        }
        assertThat(channel.isWritable()).isTrue();
        // what was left undecoded is decoded once reading resumes
        assertThat(executed).hasSize(many);
    }

    @Test
    void aSlotCompletedAfterTheConnectionClosedLeaksNothing() {
        channel();
        send("get a\r\nget b\r\n");
        channel.close();
        ReplySlot first = waiting.remove("a");
        ByteBuf late = first.out();
        late.writeCharSequence("late\r\n", StandardCharsets.US_ASCII);
        first.complete();
        ReplySlot second = waiting.remove("b");
        ByteBuf later = second.out();
        later.writeCharSequence("later\r\n", StandardCharsets.US_ASCII);
        second.complete();
        assertThat(late.refCnt()).isZero();
        assertThat(later.refCnt()).isZero();
    }
}
