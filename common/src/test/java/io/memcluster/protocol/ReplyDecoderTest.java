package io.memcluster.protocol;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.netty.buffer.Unpooled;
import io.netty.channel.embedded.EmbeddedChannel;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The client-side decoder on every kind of reply a memcached 1.6 server (and a node) sends,
 * fed whole, cut in two at every byte boundary and fed a byte at a time: a reply is the same
 * however TCP or TLS split it.
 */
class ReplyDecoderTest {

    /** One of each: classic, stats, meta, metadump, errors, and a value that looks like lines. */
    private static final String TRANSCRIPT = ""
            + "VALUE cart.42 5 3\r\nabc\r\n"
            + "VALUE k2 4294967295 0 18446744073709551615\r\n\r\n"
            + "VALUE tricky 0 7\r\n\r\nEND\r\n\r\n"
            + "END\r\n"
            + "END\r\n"
            + "STORED\r\nNOT_STORED\r\nEXISTS\r\nNOT_FOUND\r\nDELETED\r\nTOUCHED\r\nOK\r\nRESET\r\n"
            + "18446744073709551615\r\n"
            + "STAT pid 123\r\nSTAT version 1.6.38 memcluster\r\nSTAT empty \r\nEND\r\n"
            + "VERSION 1.6.38-memcluster-0.1.0\r\n"
            + "ERROR\r\nCLIENT_ERROR permission denied\r\nSERVER_ERROR out of memory storing object\r\n"
            + "HD c5 t-1\r\nVA 2 f3 s2\r\nhi\r\nVA 0\r\n\r\nEN\r\nNS\r\nEX\r\nNF\r\nMN\r\n"
            + "ME cart.42 exp=-1 la=3 cas=5 fetch=no cls=1 size=66\r\n"
            + "key=cart.42 exp=-1 la=1767225600 cas=7 fetch=yes cls=1 size=70 flags=3\n"
            + "key=a%20b%0D%0A%FF exp=1767229200 la=1767225600 cas=18446744073709551615 fetch=no cls=1 size=68 flags=0\n"
            + "END\r\n"
            + "USER root ADMIN\r\nUSER bob cart:read,orders:write\r\nUSER guest -\r\nEND\r\n"
            + "BUSY currently processing crawler request\r\n";

    private static final List<String> EXPECTED = List.of(
            "Value cart.42 flags=5 data=616263",
            "Value k2 flags=4294967295 data= cas=18446744073709551615",
            "Value tricky flags=0 data=0d0a454e440d0a",
            "End",
            "End",
            "Status STORED", "Status NOT_STORED", "Status EXISTS", "Status NOT_FOUND",
            "Status DELETED", "Status TOUCHED", "Status OK", "Status RESET",
            "Number 18446744073709551615",
            "Stat pid=123", "Stat version=1.6.38 memcluster", "Stat empty=", "End",
            "Version 1.6.38-memcluster-0.1.0",
            "Error ERROR ", "Error CLIENT_ERROR permission denied",
            "Error SERVER_ERROR out of memory storing object",
            "Meta HD [c5, t-1]", "Meta VA [f3, s2] 6869", "Meta VA [] ", "Meta EN []", "Meta NS []",
            "Meta EX []", "Meta NF []", "Meta MN []",
            "MetaDebug cart.42 {cas=5, cls=1, exp=-1, fetch=no, la=3, size=66}",
            "Key 636172742e3432 exp=-1 la=1767225600 cas=7 fetch=true size=70 flags=3",
            "Key 6120620d0aff exp=1767229200 la=1767225600 cas=18446744073709551615 fetch=false size=68 flags=0",
            "End",
            "User root [ADMIN]", "User bob [cart:read, orders:write]", "User guest []", "End",
            "Other BUSY currently processing crawler request");

    @Test
    void decodesEveryKindOfReply() {
        assertThat(decode(List.of(bytes(TRANSCRIPT)))).containsExactlyElementsOf(EXPECTED);
    }

    @Test
    void decodesTheSameWhereverTheBytesAreCut() {
        byte[] all = bytes(TRANSCRIPT);
        for (int cut = 1; cut < all.length; cut++) {
            List<byte[]> chunks = List.of(java.util.Arrays.copyOfRange(all, 0, cut),
                    java.util.Arrays.copyOfRange(all, cut, all.length));
            assertThat(decode(chunks)).as("cut at byte %d", cut).containsExactlyElementsOf(EXPECTED);
        }
    }

    @Test
    void decodesTheSameFedOneByteAtATime() {
        List<byte[]> chunks = new ArrayList<>();
        for (byte b : bytes(TRANSCRIPT)) {
            chunks.add(new byte[] {b});
        }
        assertThat(decode(chunks)).containsExactlyElementsOf(EXPECTED);
    }

    @Test
    void listingElementsDoNotEndAListingButEverythingElseDoes() {
        assertThat(new Reply.Stat("a", "b").endsListing()).isFalse();
        assertThat(new Reply.UserEntry("bob", java.util.List.of()).endsListing()).isFalse();
        assertThat(new Reply.Value(new byte[1], 0, new byte[0], false, 0).endsListing()).isFalse();
        assertThat(Reply.End.INSTANCE.endsListing()).isTrue();
        assertThat(new Reply.Error(ErrorKind.CLIENT_ERROR, "permission denied").endsListing()).isTrue();
    }

    @Test
    void aValueBlockWithoutItsLineEndIsRefused() {
        EmbeddedChannel channel = new EmbeddedChannel(new ReplyDecoder());
        assertThatThrownBy(() -> channel.writeInbound(Unpooled.wrappedBuffer(bytes("VALUE k 0 2\r\nabc\r\n"))))
                .isInstanceOf(ReplyDecoderException.class)
                .hasMessageContaining("value block of 2 bytes not followed by \\r\\n");
        channel.finishAndReleaseAll();
    }

    @Test
    void aLineWithoutEndBeyondTheLimitIsRefused() {
        EmbeddedChannel channel = new EmbeddedChannel(new ReplyDecoder(1024, 1 << 20));
        assertThatThrownBy(() -> channel.writeInbound(Unpooled.wrappedBuffer(new byte[1030])))
                .isInstanceOf(ReplyDecoderException.class)
                .hasMessage("reply line longer than 1024 bytes");
        channel.finishAndReleaseAll();
    }

    @Test
    void aValueLargerThanTheLimitIsRefusedBeforeItArrives() {
        EmbeddedChannel channel = new EmbeddedChannel(new ReplyDecoder(1024, 100));
        assertThatThrownBy(() -> channel.writeInbound(Unpooled.wrappedBuffer(bytes("VALUE k 0 101\r\n"))))
                .isInstanceOf(ReplyDecoderException.class)
                .hasMessage("value of 101 bytes is larger than the limit of 100");
        channel.finishAndReleaseAll();
    }

    @Test
    void malformedHeadersAreRefusedWithTheStartOfTheLine() {
        for (String line : List.of("VALUE k x 3", "VALUE k 0", "VALUE k 4294967296 1", "VALUE k 0 1 -5",
                "STAT", "key=x exp=soon", "key= exp=1", "VA", "VA x", "ME")) {
            EmbeddedChannel channel = new EmbeddedChannel(new ReplyDecoder());
            assertThatThrownBy(() -> channel.writeInbound(Unpooled.wrappedBuffer(bytes(line + "\r\n"))))
                    .as(line)
                    .isInstanceOf(ReplyDecoderException.class)
                    .hasMessageStartingWith("malformed reply: ");
            channel.finishAndReleaseAll();
        }
    }

    @Test
    void limitsAreCheckedWhenTheDecoderIsMade() {
        assertThatThrownBy(() -> new ReplyDecoder(100, 10))
                .hasMessage("maxLineLength: 100 (expected: >= 1024)");
        assertThatThrownBy(() -> new ReplyDecoder(2048, -1))
                .hasMessage("maxValueLength: -1 (expected: >= 0)");
    }

    private static List<String> decode(List<byte[]> chunks) {
        EmbeddedChannel channel = new EmbeddedChannel(new ReplyDecoder());
        List<String> decoded = new ArrayList<>();
        for (byte[] chunk : chunks) {
            channel.writeInbound(Unpooled.wrappedBuffer(chunk));
            for (Object reply = channel.readInbound(); reply != null; reply = channel.readInbound()) {
                decoded.add(describe(reply));
            }
        }
        assertThat(channel.finish()).as("nothing left over").isFalse();
        return decoded;
    }

    /** A comparable text for a reply: records holding arrays compare them by identity. */
    static String describe(Object reply) {
        HexFormat hex = HexFormat.of();
        if (reply instanceof Reply.Value v) {
            return "Value " + ascii(v.key()) + " flags=" + Integer.toUnsignedString(v.flags()) + " data="
                    + hex.formatHex(v.data()) + (v.withCas() ? " cas=" + Long.toUnsignedString(v.cas()) : "");
        } else if (reply instanceof Reply.Status s) {
            return "Status " + s.status();
        } else if (reply instanceof Reply.Number n) {
            return "Number " + Long.toUnsignedString(n.value());
        } else if (reply instanceof Reply.Stat s) {
            return "Stat " + s.name() + "=" + s.value();
        } else if (reply instanceof Reply.End) {
            return "End";
        } else if (reply instanceof Reply.Version v) {
            return "Version " + v.version();
        } else if (reply instanceof Reply.Error e) {
            return "Error " + e.kind() + " " + e.message();
        } else if (reply instanceof Reply.Meta m) {
            return "Meta " + m.status() + " " + m.flags() + (m.data() == null ? "" : " " + hex.formatHex(m.data()));
        } else if (reply instanceof Reply.MetaDebug d) {
            return "MetaDebug " + d.key() + " " + new java.util.TreeMap<>(d.fields());
        } else if (reply instanceof Reply.KeyMetadata k) {
            return "Key " + hex.formatHex(k.key()) + " exp=" + k.expires() + " la=" + k.lastAccess() + " cas="
                    + Long.toUnsignedString(k.cas()) + " fetch=" + k.fetched() + " size=" + k.size() + " flags="
                    + Integer.toUnsignedString(k.flags());
        } else if (reply instanceof Reply.UserEntry u) {
            return "User " + u.username() + " " + u.permissions();
        } else if (reply instanceof Reply.Other o) {
            return "Other " + o.line();
        }
        return String.valueOf(reply);
    }

    private static String ascii(byte[] bytes) {
        return new String(bytes, StandardCharsets.ISO_8859_1);
    }

    private static byte[] bytes(String s) {
        return s.getBytes(StandardCharsets.ISO_8859_1);
    }
}
