package io.memcluster.protocol;

import static io.memcluster.protocol.Decoding.bytes;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * TCP may cut a request stream anywhere: the same bytes must decode to the same commands
 * whether they come in one write, in two cut at any byte, or one byte at a time.
 */
class TextCommandDecoderSplitTest {

    private static final int MAX_ITEM_SIZE = 1024;

    /** A pipeline of varied requests: every decoder state and most error paths. */
    private static final String STREAM = ""
            + "set k1 5 0 7\r\nab\r\ncd!\r\n"
            + "get k1 k2  k3\r\n"
            + "gets k1\r\n"
            + "gat 100 k1 k2\r\n"
            + "gats -1 k1\r\n"
            + "cas k1 4294967295 0 1 12345 noreply\r\nx\r\n"
            + "incr n 5\r\n"
            + "decr n 18446744073709551615 noreply\r\n"
            + "delete k1 noreply\r\n"
            + "touch k1 10\r\n"
            + "flush_all 10\r\n"
            + "mg k v t c f O123 k q\r\n"
            + "ms a2V5 3 b T10 F7 MS C99 E100 I\r\nabc\r\n"
            + "md k q I T30\r\n"
            + "ma n D10 N0 J5 MD\r\n"
            + "mn\r\n"
            + "me k\r\n"
            + "me a2V5 b\r\n"
            + "stats settings\r\n"
            + "this is not a command\r\n"
            + "set big 0 0 5000\r\n" + "v".repeat(4998) + "\r\n\r\n"
            + "get after-big\n"
            + "set bad 0 0 3\r\nabcd\r\n"
            + "ms k 2 Mz\r\nhi\r\n"
            + "mg k v v\r\n"
            + "set k 0 0 -1\r\n"
            + "append k 0 0 2 noreply\r\n\r\n\r\n"
            + "version\r\n"
            + "memcluster users add bob cart:read,orders:write 9\r\ntwo words\r\n"
            + "memcluster users add x 5\r\nabcde\r\n"
            + "memcluster users list\r\n"
            + "get last\r\n";

    private static byte[] all;
    private static List<String> expected;

    @BeforeAll
    static void decodeInOneWrite() {
        all = bytes(STREAM);
        expected = Decoding.decode(MAX_ITEM_SIZE, List.of(all));
    }

    @Test
    void oneWriteDecodesEveryRequest() {
        assertThat(expected).containsExactly(
                "Storage[verb=SET, key='k1', flags=5, exptime=0, data='ab\\r\\ncd!', cas=0, noreply=false]",
                "Retrieval[withCas=false, touch=false, exptime=0, keys=['k1', 'k2', 'k3']]",
                "Retrieval[withCas=true, touch=false, exptime=0, keys=['k1']]",
                "Retrieval[withCas=false, touch=true, exptime=100, keys=['k1', 'k2']]",
                "Retrieval[withCas=true, touch=true, exptime=-1, keys=['k1']]",
                "Storage[verb=CAS, key='k1', flags=-1, exptime=0, data='x', cas=12345, noreply=true]",
                "Arithmetic[increment=true, key='n', delta=5, noreply=false]",
                "Arithmetic[increment=false, key='n', delta=-1, noreply=true]",
                "Delete[key='k1', noreply=true]",
                "Touch[key='k1', exptime=10, noreply=false]",
                "FlushAll[delay=10, noreply=false]",
                "MetaGet[key='k', flags={vtcfOkq opaque=O123 clientFlags=0 compareCas=0 newCas=0 initial=0"
                        + " delta=1 quiet}]",
                "MetaSet[key='key', data='abc', flags={bTFMCEI ttl=10 clientFlags=7 compareCas=99 newCas=100"
                        + " mode=S initial=0 delta=1 base64}]",
                "MetaDelete[key='k', flags={qIT ttl=30 clientFlags=0 compareCas=0 newCas=0 initial=0 delta=1"
                        + " quiet}]",
                "MetaArithmetic[key='n', flags={DNJM vivify=0 clientFlags=0 compareCas=0 newCas=0 mode=D"
                        + " initial=5 delta=10}]",
                "MetaNoop[]",
                "MetaDebug[key='k', base64Key=false]",
                "MetaDebug[key='key', base64Key=true]",
                "Stats[args=[settings]]",
                "Invalid[reply=ERROR, noreply=false]",
                "TooLarge[verb=SET, key='big', noreply=false, meta=false]",
                "Retrieval[withCas=false, touch=false, exptime=0, keys=['after-big']]",
                "Invalid[reply=CLIENT_ERROR bad data chunk, noreply=false]",
                "Invalid[reply=ERROR, noreply=false]",
                "Invalid[reply=CLIENT_ERROR invalid mode for ms M token, noreply=false]",
                "Invalid[reply=CLIENT_ERROR duplicate flag, noreply=false]",
                "Invalid[reply=CLIENT_ERROR bad command line format, noreply=false]",
                "Storage[verb=APPEND, key='k', flags=0, exptime=0, data='\\r\\n', cas=0, noreply=true]",
                "Version[]",
                "UserAdmin[action=ADD, username=bob, permissions=cart:read,orders:write, password='two words']",
                "Invalid[reply=" + UserAdminLine.USAGE_ERROR + ", noreply=false]",
                "UserAdmin[action=LIST, username=null, permissions=null, password=null]",
                "Retrieval[withCas=false, touch=false, exptime=0, keys=['last']]");
    }

    @Test
    void twoWritesCutAtEveryByteDecodeTheSame() {
        for (int at = 1; at < all.length; at++) {
            List<String> decoded = Decoding.decode(MAX_ITEM_SIZE, Decoding.splitAt(all, at));
            assertThat(decoded).as("cut after byte %d", at).isEqualTo(expected);
        }
    }

    @Test
    void oneBytePerWriteDecodesTheSame() {
        assertThat(Decoding.decode(MAX_ITEM_SIZE, Decoding.oneBytePerWrite(all))).isEqualTo(expected);
    }

    /**
     * Over TLS the decrypted bytes of a line arrive in pieces: memcached's rule, a newline within
     * its 16 KB read buffer, applies to the whole line and not to the piece that came first.
     */
    @Test
    void longLinesThatAreNotGetsDecodeTheSameInPiecesOfAnySize() {
        byte[] longLines = bytes("set k 0 0 1" + " ".repeat(3000) + "\r\nx\r\n"
                + "mg k" + " ".repeat(16376) + "v\r\n"
                + "mn\r\n");
        List<String> whole = Decoding.decode(MAX_ITEM_SIZE, List.of(longLines));
        assertThat(whole).containsExactly(
                "Storage[verb=SET, key='k', flags=0, exptime=0, data='x', cas=0, noreply=false]",
                "MetaGet[key='k', flags={v clientFlags=0 compareCas=0 newCas=0 initial=0 delta=1}]",
                "MetaNoop[]");
        for (int size : new int[] {1, 7, 100, 1000, 2049, 4096}) {
            assertThat(Decoding.decode(MAX_ITEM_SIZE, Decoding.pieces(longLines, size)))
                    .as("in writes of %d bytes", size).isEqualTo(whole);
        }
    }
}
