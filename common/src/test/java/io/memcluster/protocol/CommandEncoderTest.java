package io.memcluster.protocol;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.embedded.EmbeddedChannel;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The client-side encoder is the inverse of the node's decoder: a request decoded by
 * {@link TextCommandDecoder} and encoded again gives back the same bytes, for every command
 * kind, classic and meta.
 */
class CommandEncoderTest {

    @ParameterizedTest
    @ValueSource(strings = {
        "set cart.42 5 60 3\r\nabc\r\n",
        "add k 0 0 0\r\n\r\n",
        "replace k 4294967295 -1 2 noreply\r\nhi\r\n",
        "append k 0 0 1\r\nx\r\n",
        "prepend k 0 0 1\r\nx\r\n",
        "cas k 1 2 3 18446744073709551615\r\nabc\r\n",
        "get a\r\n",
        "get a b c\r\n",
        "gets a b\r\n",
        "gat 60 a b\r\n",
        "gats -1 a\r\n",
        "delete k\r\n",
        "delete k noreply\r\n",
        "incr k 18446744073709551615\r\n",
        "decr k 1 noreply\r\n",
        "touch k 3600\r\n",
        "flush_all\r\n",
        "flush_all 10 noreply\r\n",
        "stats\r\n",
        "stats namespaces\r\n",
        "lru_crawler metadump all\r\n",
        "version\r\n",
        "quit\r\n",
        "verbosity 1\r\n",
        "cache_memlimit 64 noreply\r\n",
        "shutdown graceful\r\n",
        "mg cart.42 v t c f k s O1234 q\r\n",
        "mg a2V5 b v\r\n",
        "mg k T60 N30 R10\r\n",
        "ms cart.42 3 T60 F5 C7 E9 MS I\r\nabc\r\n",
        "md k C5 q I T30 x\r\n",
        "ma k N0 J10 D5 MD v t c\r\n",
        "mn\r\n",
        "me cart.42\r\n",
        "me a2V5 b\r\n",
        "memcluster users list\r\n",
        "memcluster snapshot\r\n",
        "memcluster snapshot cart\r\n",
        "memcluster flush_namespace cart\r\n",
        "memcluster flush_namespace cart noreply\r\n",
        "memcluster users add bob cart:read,orders:write 9\r\ntwo words\r\n",
        "memcluster users add guest - 1\r\nx\r\n",
        "memcluster users remove bob\r\n",
        "memcluster users passwd bob 3\r\nn3w\r\n",
    })
    void encodesWhatTheNodeDecodesBackToTheSameBytes(String request) {
        EmbeddedChannel node = new EmbeddedChannel(new TextCommandDecoder(1 << 20));
        node.writeInbound(Unpooled.copiedBuffer(request, StandardCharsets.ISO_8859_1));
        Command command = node.readInbound();
        assertThat(command).as("decoded").isNotNull().isNotInstanceOf(Command.Invalid.class);

        EmbeddedChannel client = new EmbeddedChannel(new CommandEncoder());
        client.writeOutbound(command);
        ByteBuf written = client.readOutbound();
        assertThat(written.toString(StandardCharsets.ISO_8859_1)).isEqualTo(request);
        written.release();
        node.finishAndReleaseAll();
        client.finishAndReleaseAll();
    }

    @Test
    void encodesCommandsBuiltByAClient() {
        ByteBuf out = Unpooled.buffer();
        CommandEncoder.write(new Command.Storage(StorageVerb.SET, bytes("auth"), 0, 0, bytes("admin s3cret"), 0,
                false), out);
        CommandEncoder.write(new Command.Retrieval(false, false, 0, new byte[][] {bytes("a"), bytes("b")}), out);
        CommandEncoder.write(new Command.MetaGet(bytes("cart.42"), MetaFlags.of()), out);
        CommandEncoder.write(new Command.MetaSet(bytes("k"), bytes("v"), MetaFlags.of("T60", "E1234")), out);
        CommandEncoder.write(new Command.Stats(new String[] {"namespaces"}), out);
        assertThat(out.toString(StandardCharsets.ISO_8859_1)).isEqualTo(""
                + "set auth 0 0 12\r\nadmin s3cret\r\n"
                + "get a b\r\n"
                + "mg cart.42\r\n"
                + "ms k 1 T60 E1234\r\nv\r\n"
                + "stats namespaces\r\n");
        out.release();
    }

    @Test
    void refusesTheDecodersVerdicts() {
        ByteBuf out = Unpooled.buffer();
        assertThatThrownBy(() -> CommandEncoder.write(Command.Invalid.ERROR, out))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("Invalid is a decoder verdict, not a request");
        assertThatThrownBy(() -> CommandEncoder.write(Command.Close.INSTANCE, out))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> CommandEncoder.write(new Command.Retrieval(false, false, 0, new byte[0][]), out))
                .hasMessage("a retrieval needs at least one key");
        out.release();
    }

    @Test
    void metaFlagsFromAClientAreCheckedAsTheNodeChecksThem() {
        MetaFlags flags = MetaFlags.of("v", "T60", "E18446744073709551615", "Oabc");
        assertThat(flags.has('v')).isTrue();
        assertThat(flags.ttl()).isEqualTo(60);
        assertThat(flags.newCas()).isEqualTo(-1L);
        assertThat(new String(flags.opaque(), StandardCharsets.US_ASCII)).isEqualTo("Oabc");

        assertThatThrownBy(() -> MetaFlags.of("v", "v")).hasMessage("duplicate flag");
        assertThatThrownBy(() -> MetaFlags.of("Tsoon")).hasMessage("bad token in command line format");
        assertThatThrownBy(() -> MetaFlags.of("7")).hasMessage("invalid flag");
        assertThatThrownBy(() -> MetaFlags.of("v t")).hasMessage("invalid meta flag token 'v t'");
        assertThatThrownBy(() -> MetaFlags.of(new String[18])).hasMessageStartingWith("options flags are too long");
    }

    private static byte[] bytes(String s) {
        return s.getBytes(StandardCharsets.US_ASCII);
    }
}
