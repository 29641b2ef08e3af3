package io.memcluster.protocol;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** Meta flags built in code encode as a client writes them, and a parsed set can be rebuilt with changes. */
class MetaFlagsBuilderTest {

    @Test
    void builtFlagsEncodeInTheOrderTheyWereAdded() {
        MetaFlags flags = MetaFlags.builder().flag('v').flag('f').clientFlags(7).ttl(-1).newCas(-1L).mode('E')
                .compareCas(42).delta(5).initial(10).vivify(30).flag('c').build();
        assertThat(line(new Command.MetaSet(bytes("k"), bytes("abc"), flags)))
                .isEqualTo("ms k 3 v f F7 T-1 E18446744073709551615 ME C42 D5 J10 N30 c\r\nabc\r\n");
    }

    @Test
    void aParsedSetRebuiltWithoutQuietAndWithAVersionKeepsEverythingElse() {
        MetaFlags client = MetaFlags.of("O123", "q", "k", "T60", "F5", "b");
        MetaFlags toNode = client.toBuilder('q').newCas(99).build();
        assertThat(toNode.quiet()).isFalse();
        assertThat(toNode.base64Key()).isTrue();
        assertThat(toNode.ttl()).isEqualTo(60);
        assertThat(toNode.clientFlags()).isEqualTo(5);
        assertThat(line(new Command.MetaGet(bytes("key"), toNode))).isEqualTo("mg a2V5 O123 k T60 F5 b E99\r\n");
    }

    @Test
    void aFlagGivenTwiceIsRefused() {
        assertThatThrownBy(() -> MetaFlags.builder().flag('v').flag('v'))
                .isInstanceOf(IllegalArgumentException.class).hasMessage("meta flag v given twice");
        assertThatThrownBy(() -> MetaFlags.of("E5").toBuilder().newCas(6))
                .hasMessage("meta flag E given twice");
    }

    private static String line(Command command) {
        ByteBuf out = Unpooled.buffer();
        CommandEncoder.write(command, out);
        String text = out.toString(StandardCharsets.ISO_8859_1);
        out.release();
        return text;
    }

    private static byte[] bytes(String s) {
        return s.getBytes(StandardCharsets.US_ASCII);
    }
}
