package io.memcluster.protocol;

import static io.memcluster.protocol.Decoding.bytes;
import static org.assertj.core.api.Assertions.assertThat;

import io.netty.buffer.Unpooled;
import io.netty.channel.WriteBufferWaterMark;
import io.netty.channel.embedded.EmbeddedChannel;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * A client that pipelines requests without reading the replies must not make the server
 * decode (and answer) without bound: decoding waits while the channel is not writable.
 */
class TextCommandDecoderBackpressureTest {

    @Test
    void decodingPausesWhileRepliesAreNotReadAndResumesAfter() {
        EmbeddedChannel channel = new EmbeddedChannel(new TextCommandDecoder(Decoding.DEFAULT_MAX_ITEM_SIZE));
        try {
            channel.config().setWriteBufferWaterMark(new WriteBufferWaterMark(8, 16));
            channel.writeInbound(Unpooled.wrappedBuffer(bytes("mn\r\n")));
            assertThat(drain(channel)).containsExactly("MetaNoop[]");

            channel.write(Unpooled.wrappedBuffer(new byte[64]));
            assertThat(channel.isWritable()).isFalse();
            channel.writeInbound(Unpooled.wrappedBuffer(bytes("get a\r\nget b\r\n")));

            assertThat(drain(channel)).isEmpty();
            assertThat(channel.config().isAutoRead()).isFalse();

            channel.flushOutbound();
            channel.runPendingTasks();

            assertThat(channel.isWritable()).isTrue();
            assertThat(channel.config().isAutoRead()).isTrue();
            assertThat(drain(channel)).containsExactly(
                    "Retrieval[withCas=false, touch=false, exptime=0, keys=['a']]",
                    "Retrieval[withCas=false, touch=false, exptime=0, keys=['b']]");
        } finally {
            channel.finishAndReleaseAll();
        }
    }

    private static List<String> drain(EmbeddedChannel channel) {
        List<String> out = new ArrayList<>();
        for (Object m; (m = channel.readInbound()) != null; ) {
            out.add(CommandText.of(m));
        }
        return out;
    }
}
