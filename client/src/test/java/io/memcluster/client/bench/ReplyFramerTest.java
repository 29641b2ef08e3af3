package io.memcluster.client.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class ReplyFramerTest {

    /** Replies as memcached sends them, including a value that holds END and CRLF itself. */
    private static final String TRANSCRIPT = "VALUE bench.0000000001 0 5\r\nhello\r\nEND\r\n"
            + "END\r\n"
            + "STORED\r\n"
            + "SERVER_ERROR out of memory storing object\r\n"
            + "VALUE k 7 10 42\r\nEND\r\nEND\r\n\r\nEND\r\n"
            + "NOT_STORED\r\n"
            + "VALUE empty 0 0\r\n\r\nEND\r\n";

    private static final List<Reply> EXPECTED = List.of(Reply.HIT, Reply.MISS, Reply.STORED, Reply.ERROR, Reply.HIT,
            Reply.ERROR, Reply.HIT);

    @Test
    void countsEachReplyOfAWholeTranscript() {
        assertThat(frame(TRANSCRIPT)).containsExactlyElementsOf(EXPECTED);
    }

    @Test
    void countsTheSameWhereverTheStreamIsCut() {
        for (int cut = 0; cut <= TRANSCRIPT.length(); cut++) {
            assertThat(frame(TRANSCRIPT.substring(0, cut), TRANSCRIPT.substring(cut)))
                    .as("cut at %d", cut)
                    .containsExactlyElementsOf(EXPECTED);
        }
    }

    @Test
    void countsTheSameWhenEveryByteArrivesAlone() {
        assertThat(frame(TRANSCRIPT.split(""))).containsExactlyElementsOf(EXPECTED);
    }

    @Test
    void keepsTheErrorLineForTheReport() {
        ReplyFramer framer = new ReplyFramer();
        List<String> errors = new ArrayList<>();
        framer.feed(buffer("STORED\r\nCLIENT_ERROR bad data chunk\r\n"), reply -> {
            if (reply == Reply.ERROR) {
                errors.add(framer.lastLine());
            }
        });
        assertThat(errors).containsExactly("CLIENT_ERROR bad data chunk");
    }

    @Test
    void refusesAValueLineWithoutALength() {
        assertThatThrownBy(() -> frame("VALUE k 0 x\r\n")).isInstanceOf(ReplyFormatException.class)
                .hasMessageContaining("VALUE k 0 x");
    }

    @Test
    void refusesAnythingButEndAfterAValue() {
        assertThatThrownBy(() -> frame("VALUE k 0 1\r\nx\r\nSTORED\r\n")).isInstanceOf(ReplyFormatException.class)
                .hasMessageContaining("expected END");
    }

    private static List<Reply> frame(String... pieces) {
        ReplyFramer framer = new ReplyFramer();
        List<Reply> replies = new ArrayList<>();
        for (String piece : pieces) {
            ByteBuf in = buffer(piece);
            framer.feed(in, replies::add);
            assertThat(in.isReadable()).isFalse();
        }
        return replies;
    }

    private static ByteBuf buffer(String text) {
        return Unpooled.copiedBuffer(text, StandardCharsets.ISO_8859_1);
    }
}
