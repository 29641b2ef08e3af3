package io.memcluster.protocol;

import static io.memcluster.protocol.Decoding.bytes;
import static io.memcluster.protocol.Decoding.decode;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Framing, limits and refusals of the text protocol decoder. The reply strings were checked
 * against memcached 1.6.18.
 */
class TextCommandDecoderTest {

    private static final String ERROR = "Invalid[reply=ERROR, noreply=false]";
    private static final String BAD_FORMAT = "Invalid[reply=CLIENT_ERROR bad command line format, noreply=false]";
    private static final String CLOSE = "Close[]";
    private static final String NOOP = "MetaNoop[]";

    // ------------------------------------------------------------ framing

    @Test
    void aCrInOneWriteAndItsLfInTheNext() {
        assertThat(decode("get a\r", "\n", "mn\r", "\nmn\r\n")).containsExactly(
                "Retrieval[withCas=false, touch=false, exptime=0, keys=['a']]", NOOP, NOOP);
    }

    @Test
    void nothingIsDecodedBeforeTheLineEnds() {
        assertThat(decode("get a")).isEmpty();
        assertThat(decode("get a\r")).isEmpty();
    }

    @Test
    void aBareLfEndsALine() {
        assertThat(decode("get a\nmn\n")).containsExactly(
                "Retrieval[withCas=false, touch=false, exptime=0, keys=['a']]", NOOP);
    }

    @Test
    void aCrInsideALineIsPartOfIt() {
        assertThat(decode("get a\rb\r\n")).containsExactly(
                "Retrieval[withCas=false, touch=false, exptime=0, keys=['a\\rb']]");
    }

    @Test
    void anEmptyLineIsAnError() {
        assertThat(decode("\r\n", "\n", "   \r\n")).containsExactly(ERROR, ERROR, ERROR);
    }

    @Test
    void dataMayHoldLineEndsAndMayArriveLater() {
        assertThat(decode("set k 0 0 6\r\n", "\r\n", "\r\n\r", "\n\r", "\n")).containsExactly(
                "Storage[verb=SET, key='k', flags=0, exptime=0, data='\\r\\n\\r\\n\\r\\n', cas=0, noreply=false]");
    }

    @Test
    void aDataBlockWithoutCrLfIsABadDataChunk() {
        // memcached reads <bytes>+2, refuses them, and reads the rest as the next line
        assertThat(decode("set k 0 0 3\r\nabcd\r\nmn\r\n")).containsExactly(
                "Invalid[reply=CLIENT_ERROR bad data chunk, noreply=false]", ERROR, NOOP);
    }

    @Test
    void aBadDataChunkKeepsQuietForNoreplyButNotForMs() {
        assertThat(decode("set k 0 0 1 noreply\r\nab\r\n", "ms k 1 q\r\nab\r\n")).containsExactly(
                "Invalid[reply=CLIENT_ERROR bad data chunk, noreply=true]", ERROR,
                "Invalid[reply=CLIENT_ERROR bad data chunk, noreply=false]", ERROR);
    }

    // ------------------------------------------------------------ line length

    @Test
    void aLineMayWaitForItsNewlineAsLongAsItFitsMemcachedsReadBuffer() {
        // 16382 bytes, CR and LF: the LF is the buffer's last byte
        assertThat(decode("x".repeat(16382), "\r\nmn\r\n")).containsExactly(ERROR, NOOP);
        assertThat(decode("x".repeat(2049), "\r\nmn\r\n")).containsExactly(ERROR, NOOP);
    }

    @Test
    void aFullReadBufferWithoutANewlineCloses() {
        assertThat(decode("x".repeat(16384), "\r\nmn\r\n")).containsExactly(CLOSE);
    }

    @Test
    void aNewlinePastTheReadBufferClosesEvenInOneWrite() {
        assertThat(decode("x".repeat(16383) + "\r\nmn\r\n")).containsExactly(CLOSE);
    }

    @Test
    void commandsBeforeARunawayLineAreStillDecoded() {
        assertThat(decode("mn\r\nmn\r\n" + "x".repeat(20000))).containsExactly(NOOP, NOOP, CLOSE);
    }

    @Test
    void aLongLineWithItsNewlineIsParsed() {
        String arg = "a".repeat(3000);
        assertThat(decode("stats " + arg + "\r\n")).containsExactly("Stats[args=[" + arg + "]]");
    }

    @Test
    void aLongMultigetMayWaitForItsNewline() {
        StringBuilder keys = new StringBuilder();
        List<String> expectedKeys = new ArrayList<>();
        for (int i = 0; i < 500; i++) {
            keys.append(" key").append(i);
            expectedKeys.add("'key" + i + "'");
        }
        String expected = "Retrieval[withCas=false, touch=false, exptime=0, keys=" + expectedKeys + "]";

        assertThat(decode("get" + keys, "\r\n")).containsExactly(expected);
        assertThat(decode("  gets" + keys, "\r\n")).containsExactly(expected.replace("withCas=false", "withCas=true"));
    }

    @Test
    void aMultigetWithoutNewlineClosesPastOneMebibyte() {
        String keys = " k".repeat(TextCommandDecoder.MAX_GET_LINE_LENGTH / 2);

        assertThat(decode("get" + keys, "\r\n")).containsExactly(CLOSE);
    }

    @Test
    void onlyGetAndGetsMayGrowPastTheReadBuffer() {
        assertThat(decode("gat 0" + " k".repeat(8200), "\r\n")).containsExactly(CLOSE);
        assertThat(decode("getx" + " k".repeat(8200), "\r\n")).containsExactly(CLOSE);
        assertThat(decode(" ".repeat(101) + "get" + " k".repeat(8200), "\r\n")).containsExactly(CLOSE);
        assertThat(decode("gat 0" + " k".repeat(8200) + "\r\n")).containsExactly(CLOSE);
    }

    @Test
    void anHttpRequestCloses() {
        assertThat(decode("GET / HTTP/1.1\r\nHost: x\r\n\r\n")).containsExactly(CLOSE);
    }

    // ------------------------------------------------------------ storage lines

    @Test
    void invalidNumbersGiveMemcachedsReplies() {
        assertThat(decode(
                "set k 0 0 -1\r\n",
                "set k 0 0 abc\r\n",
                "set k abc 0 1\r\n",
                "set k 0 abc 1\r\n",
                "set k -1 0 1\r\n",
                "cas k 0 0 1 abc\r\n",
                "ms k -1\r\n",
                "ms k abc\r\n",
                "incr k abc\r\n",
                "incr k 18446744073709551616\r\n",
                "touch k abc\r\n",
                "gat abc k\r\n",
                "flush_all abc\r\n",
                "delete k 5\r\n")).containsExactly(
                BAD_FORMAT, BAD_FORMAT, BAD_FORMAT, BAD_FORMAT, BAD_FORMAT, BAD_FORMAT, BAD_FORMAT, BAD_FORMAT,
                "Invalid[reply=CLIENT_ERROR invalid numeric delta argument, noreply=false]",
                "Invalid[reply=CLIENT_ERROR invalid numeric delta argument, noreply=false]",
                "Invalid[reply=CLIENT_ERROR invalid exptime argument, noreply=false]",
                "Invalid[reply=CLIENT_ERROR invalid exptime argument, noreply=false]",
                "Invalid[reply=CLIENT_ERROR invalid exptime argument, noreply=false]",
                "Invalid[reply=CLIENT_ERROR bad command line format.  Usage: delete <key> [noreply], noreply=false]");
    }

    @Test
    void aRefusedStorageLineReadsItsDataAsTheNextLine() {
        // as memcached: only an oversized value is swallowed, a malformed line's data is not
        assertThat(decode("set k abc 0 2\r\nmn\r\n")).containsExactly(BAD_FORMAT, NOOP);
    }

    @Test
    void wrongArgumentCountsAreErrors() {
        assertThat(decode("set k 0 0\r\n", "set k 0 0 1 noreply x\r\n", "incr k\r\n", "get\r\n", "verbosity\r\n",
                "mg\r\n", "md\r\n")).containsOnly(ERROR).hasSize(7);
    }

    @Test
    void noreplyIsTheLastTokenSpelledExactly() {
        assertThat(decode(
                "set k 0 0 1 noreply\r\nx\r\n",
                "set k 0 0 1 NOREPLY\r\nx\r\n",
                "delete k noreply\r\n",
                "delete k 0 noreply\r\n",
                "incr k 1 noreply\r\n",
                "touch k 1 noreply\r\n",
                "flush_all noreply\r\n",
                "flush_all 10 noreply\r\n",
                "verbosity 1 noreply\r\n",
                "set k 0 0 -1 noreply\r\n",
                "incr k x noreply\r\n")).containsExactly(
                "Storage[verb=SET, key='k', flags=0, exptime=0, data='x', cas=0, noreply=true]",
                "Storage[verb=SET, key='k', flags=0, exptime=0, data='x', cas=0, noreply=false]",
                "Delete[key='k', noreply=true]",
                "Delete[key='k', noreply=true]",
                "Arithmetic[increment=true, key='k', delta=1, noreply=true]",
                "Touch[key='k', exptime=1, noreply=true]",
                "FlushAll[delay=0, noreply=true]",
                "FlushAll[delay=10, noreply=true]",
                "Verbosity[level=1, noreply=true]",
                "Invalid[reply=CLIENT_ERROR bad command line format, noreply=true]",
                "Invalid[reply=CLIENT_ERROR invalid numeric delta argument, noreply=true]");
    }

    @Test
    void keysUpTo250BytesAreAccepted() {
        String key = "k".repeat(250);

        List<String> decoded = decode("set " + key + " 0 0 1\r\nx\r\n", "get " + key + "\r\n", "delete " + key + "\r\n",
                "incr " + key + " 1\r\n", "touch " + key + " 1\r\n", "mg " + key + " v\r\n");

        assertThat(decoded).hasSize(6).allSatisfy(line -> assertThat(line).contains("'" + key + "'"));
    }

    @Test
    void keysOf251BytesAreRefused() {
        String key = "k".repeat(251);

        assertThat(decode("set " + key + " 0 0 1\r\nx\r\n", "get a " + key + "\r\n", "delete " + key + "\r\n",
                "incr " + key + " 1\r\n", "touch " + key + " 1\r\n", "mg " + key + " v\r\n", "ms " + key + " 1\r\nx\r\n",
                "md " + key + "\r\n"))
                .containsExactly(BAD_FORMAT, ERROR, BAD_FORMAT, BAD_FORMAT, BAD_FORMAT, BAD_FORMAT, BAD_FORMAT,
                        BAD_FORMAT, ERROR, BAD_FORMAT);
    }

    @Test
    void flagsAreUnsigned32Bit() {
        assertThat(decode("set k 4294967295 0 1\r\nx\r\n", "set k 4294967296 0 1\r\nx\r\n")).containsExactly(
                "Storage[verb=SET, key='k', flags=-1, exptime=0, data='x', cas=0, noreply=false]",
                BAD_FORMAT, ERROR);
    }

    @Test
    void anOversizedValueIsRefusedAndItsDataSwallowed() {
        List<byte[]> writes = List.of(bytes("set big 0 0 5000 noreply\r\n"), bytes("v".repeat(3000)),
                bytes("v".repeat(2000) + "\r\nget k\r\n"), bytes("ms big 5000 T0\r\n" + "v".repeat(5000) + "\r\nmn\r\n"));

        assertThat(Decoding.decode(1024, writes)).containsExactly(
                "TooLarge[verb=SET, key='big', noreply=true, meta=false]",
                "Retrieval[withCas=false, touch=false, exptime=0, keys=['k']]",
                "TooLarge[verb=SET, key='big', noreply=false, meta=true]",
                NOOP);
    }

    @Test
    void aValueThatFitsTheItemLimitIsRead() {
        // 1024 = key + value + memcached's item header
        String value = "v".repeat(1024 - 1 - 59);

        assertThat(Decoding.decode(1024, List.of(bytes("set k 0 0 " + value.length() + "\r\n" + value + "\r\n"))))
                .containsExactly("Storage[verb=SET, key='k', flags=0, exptime=0, data='" + value
                        + "', cas=0, noreply=false]");
        assertThat(Decoding.decode(1024, List.of(bytes("set k 0 0 " + (value.length() + 1) + "\r\n" + value
                + "v\r\nmn\r\n")))).containsExactly("TooLarge[verb=SET, key='k', noreply=false, meta=false]", NOOP);
    }

    @Test
    void anItemLimitBelow1024IsRefused() {
        assertThatThrownBy(() -> new TextCommandDecoder(1023))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("1023");
    }

    // ------------------------------------------------------------ meta flags

    @Test
    void metaFlagErrorsGiveMemcachedsReplies() {
        assertThat(decode(
                "mg k v v\r\n",
                "mg k 1\r\n",
                "mg k !\r\n",
                "mg k Tx\r\n",
                "mg k Nx\r\n",
                "mg k R\r\n",
                "mg k O" + "1".repeat(32) + "\r\n",
                "mg !!! b\r\n",
                "md k v v\r\n",
                "md k O" + "1".repeat(32) + "\r\n",
                "ma k Dx\r\n",
                "ma k Mx\r\n",
                "ma k Mi\r\n",
                "ms k\r\n")).containsExactly(
                "Invalid[reply=CLIENT_ERROR duplicate flag, noreply=false]",
                "Invalid[reply=CLIENT_ERROR invalid flag, noreply=false]",
                "Invalid[reply=CLIENT_ERROR invalid flag, noreply=false]",
                "Invalid[reply=CLIENT_ERROR bad token in command line format, noreply=false]",
                "Invalid[reply=CLIENT_ERROR bad token in command line format, noreply=false]",
                "Invalid[reply=CLIENT_ERROR bad token in command line format, noreply=false]",
                "Invalid[reply=CLIENT_ERROR opaque token too long, noreply=false]",
                "Invalid[reply=CLIENT_ERROR error decoding key, noreply=false]",
                "Invalid[reply=CLIENT_ERROR invalid or duplicate flag, noreply=false]",
                "Invalid[reply=CLIENT_ERROR opaque token too long, noreply=false]",
                "Invalid[reply=CLIENT_ERROR invalid or duplicate flag, noreply=false]",
                "Invalid[reply=CLIENT_ERROR invalid mode for ma M token, noreply=false]",
                "Invalid[reply=CLIENT_ERROR invalid mode for ma M token, noreply=false]",
                BAD_FORMAT);
    }

    @Test
    void tooManyMetaFlagsAreRefusedWithoutSwallowingData() {
        String eighteenFlags = " v t c f k s h l O1 q u N1 T1 R1 P L I x";
        assertThat(decode("mg k" + eighteenFlags + "\r\n", "ms k 2" + eighteenFlags + "\r\nhi\r\nmn\r\n"))
                .containsExactly(
                        "Invalid[reply=CLIENT_ERROR options flags are too long, noreply=false]",
                        "Invalid[reply=CLIENT_ERROR options flags too long, noreply=false]", ERROR, NOOP);
    }

    @Test
    void theLastMetaFlagErrorWins() {
        assertThat(decode("ms k 2 Fx\r\nhi\r\nmn\r\n", "ms k 2 Tx Mzz\r\nhi\r\nmn\r\n", "ms !!! 2 b\r\nhi\r\nmn\r\n"))
                .containsExactly(BAD_FORMAT, NOOP,
                        "Invalid[reply=CLIENT_ERROR incorrect length for M token, noreply=false]", NOOP,
                        "Invalid[reply=CLIENT_ERROR error decoding key, noreply=false]", NOOP);
    }

    @Test
    void anOpaqueOf32CharactersIsAccepted() {
        String opaque = "O" + "1".repeat(31);

        assertThat(decode("mg k " + opaque + " v\r\n")).singleElement().asString().contains("opaque=" + opaque);
    }

    @Test
    void aRefusedMsSwallowsItsDataSoTheNextLineParses() {
        assertThat(decode("ms k 2 Mz\r\nhi\r\nmn\r\n", "ms k 2 v v\r\nhi\r\nmn\r\n", "ms k 2 Tx\r\n", "hi\r\nmn\r\n"))
                .containsExactly(
                        "Invalid[reply=CLIENT_ERROR invalid mode for ms M token, noreply=false]", NOOP,
                        "Invalid[reply=CLIENT_ERROR duplicate flag, noreply=false]", NOOP,
                        "Invalid[reply=CLIENT_ERROR bad token in command line format, noreply=false]", NOOP);
    }

    @Test
    void aBase64KeyIsDecoded() {
        assertThat(decode("mg a2V5 b k v\r\n", "ms AAH/ 1 b\r\nx\r\n")).containsExactly(
                "MetaGet[key='key', flags={bkv clientFlags=0 compareCas=0 newCas=0 initial=0 delta=1 base64}]",
                "MetaSet[key='\u0000\u0001\u00ff', data='x', flags={b clientFlags=0 compareCas=0 newCas=0 initial=0"
                        + " delta=1 base64}]");
    }

    @Test
    void metaFlagsKeepTheClientsOrder() {
        List<Command> commands = Decoding.decodeCommands(Decoding.DEFAULT_MAX_ITEM_SIZE,
                List.of(bytes("mg k t O9 v k c\r\n")));

        MetaFlags flags = ((Command.MetaGet) commands.get(0)).flags();
        assertThat(new String(flags.order(), java.nio.charset.StandardCharsets.US_ASCII)).isEqualTo("tOvkc");
        assertThat(flags.has('v')).isTrue();
        assertThat(flags.has('f')).isFalse();
    }
}
