package io.memcluster.protocol;

import static io.memcluster.protocol.Decoding.bytes;
import static io.memcluster.protocol.Decoding.decode;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Numbers read as memcached 1.6.18 reads them (safe_strtol: strtol over int64, then a cast to
 * int32; safe_strtoul/strtoull: strtoul, a minus refused only when the result looks negative),
 * where fuzzing found the node stricter or looser than memcached; and NUL bytes, which end a
 * line as they end the C string memcached tokenizes. The same cases, as memcached answered
 * them, are in memcached-reference.txt.
 */
class TextCommandDecoderNumbersTest {

    private static final String BAD_FORMAT = "Invalid[reply=CLIENT_ERROR bad command line format, noreply=false]";
    private static final String ERROR = "Invalid[reply=ERROR, noreply=false]";
    private static final String NOOP = "MetaNoop[]";

    private static String set(long exptime) {
        return "Storage[verb=SET, key='k', flags=0, exptime=" + exptime + ", data='x', cas=0, noreply=false]";
    }

    @Test
    void anExptimeOutsideInt32WrapsAsMemcachedsInt32Does() {
        assertThat(decode(
                "set k 0 4294967296 1\r\nx\r\n",
                "set k 0 4294967396 1\r\nx\r\n",
                "set k 0 2147483648 1\r\nx\r\n",
                "set k 0 -4294967296 1\r\nx\r\n",
                "set k 0 9223372036854775807 1\r\nx\r\n",
                "set k 0 -9223372036854775808 1\r\nx\r\n")).containsExactly(
                set(0), set(100), set(-2147483648L), set(0), set(-1), set(0));
    }

    @Test
    void anExptimeBeyondInt64IsRefusedAndItsDataReadAsALine() {
        assertThat(decode("set k 0 9223372036854775808 1\r\nx\r\n", "set k 0 -9223372036854775809 1\r\nx\r\n"))
                .containsExactly(BAD_FORMAT, ERROR, BAD_FORMAT, ERROR);
    }

    @Test
    void touchGatFlushAllAndMetaTtlsWrapToo() {
        assertThat(decode(
                "touch k 4294967396\r\n",
                "gat 4294967296 k\r\n",
                "flush_all 4294967297\r\n",
                "mg k N99999999999 T4294967396 R-4294967295\r\n")).containsExactly(
                "Touch[key='k', exptime=100, noreply=false]",
                "Retrieval[withCas=false, touch=true, exptime=0, keys=['k']]",
                "FlushAll[delay=1, noreply=false]",
                "MetaGet[key='k', flags={NTR ttl=100 vivify=1215752191 recache=1 clientFlags=0 compareCas=0"
                        + " newCas=0 initial=0 delta=1}]");
    }

    @Test
    void aLengthAboveIntMaxMinus2IsABadCommandLineNotTooLarge() {
        // memcached: vlen < 0 || vlen > INT_MAX - 2; the data is not swallowed, it is the next line
        assertThat(Decoding.decode(1024, List.of(bytes(""
                + "set k 0 0 2147483647\r\nmn\r\n"
                + "add k 0 0 2147483646\r\nmn\r\n"
                + "cas k 0 0 2147483647 1\r\nmn\r\n"
                + "ms k 2147483646\r\nmn\r\n"
                + "set k 0 0 2147483645 noreply\r\n")))).containsExactly(
                BAD_FORMAT, NOOP, BAD_FORMAT, NOOP, BAD_FORMAT, NOOP, BAD_FORMAT, NOOP,
                "TooLarge[verb=SET, key='k', noreply=true, meta=false]");
    }

    @Test
    void aLengthWrapsToInt32() {
        assertThat(decode("set k 0 0 4294967297\r\nx\r\n", "append k 0 0 -4294967295\r\nx\r\n", "ms k 4294967297\r\nx\r\n"))
                .containsExactly(set(0), set(0).replace("SET", "APPEND"),
                        "MetaSet[key='k', data='x', flags={ clientFlags=0 compareCas=0 newCas=0 initial=0 delta=1}]");
    }

    @Test
    void zeroPaddedAndSignedNumbersAreAccepted() {
        assertThat(decode(
                "set k 00000001 00000000 00000001\r\nx\r\n",
                "set k +1 +0 +1\r\nx\r\n",
                "set k -0 -0 -0\r\n\r\n",
                "cas k 0 0 1 -0\r\nx\r\n",
                "incr k +0001\r\n",
                "incr k -18446744073709551615\r\n",
                "verbosity +1\r\n",
                "ma k J+0010 D-0 C0007\r\n")).containsExactly(
                "Storage[verb=SET, key='k', flags=1, exptime=0, data='x', cas=0, noreply=false]",
                "Storage[verb=SET, key='k', flags=1, exptime=0, data='x', cas=0, noreply=false]",
                "Storage[verb=SET, key='k', flags=0, exptime=0, data='', cas=0, noreply=false]",
                "Storage[verb=CAS, key='k', flags=0, exptime=0, data='x', cas=0, noreply=false]",
                "Arithmetic[increment=true, key='k', delta=1, noreply=false]",
                "Arithmetic[increment=true, key='k', delta=1, noreply=false]",
                "Verbosity[level=1, noreply=false]",
                "MetaArithmetic[key='k', flags={JDC clientFlags=0 compareCas=7 newCas=0 initial=10 delta=0}]");
    }

    @Test
    void aMinusIsRefusedWhereTheUnsignedResultLooksNegative() {
        assertThat(decode("set k -1 0 1\r\nx\r\n", "incr k -1\r\n", "cas k 0 0 1 -1\r\nx\r\n", "incr k +\r\n"))
                .containsExactly(BAD_FORMAT, ERROR,
                        "Invalid[reply=CLIENT_ERROR invalid numeric delta argument, noreply=false]",
                        BAD_FORMAT, ERROR,
                        "Invalid[reply=CLIENT_ERROR invalid numeric delta argument, noreply=false]");
    }

    @Test
    void whiteSpaceBeforeANumberIsSkippedAndAfterItEndsIt() {
        assertThat(decode("set k 0 \t5 1\t7\r\nx\r\n", "incr k 2\tx\r\n", "touch k 1x\r\n")).containsExactly(
                "Storage[verb=SET, key='k', flags=0, exptime=5, data='x', cas=0, noreply=false]",
                "Arithmetic[increment=true, key='k', delta=2, noreply=false]",
                "Invalid[reply=CLIENT_ERROR invalid exptime argument, noreply=false]");
    }

    @Test
    void flagsAbove32BitsAreStillRefused() {
        // our one deliberate difference: memcached 1.6.18 truncates them
        assertThat(decode("set k 4294967296 0 1\r\nx\r\n", "ms k 1 F4294967296\r\nx\r\n", "mn\r\n"))
                .containsExactly(BAD_FORMAT, ERROR, BAD_FORMAT, NOOP);
    }

    @Test
    void nonZeroFlagsTakeFourBytesOfTheItemLimit() {
        // memcached's item_make_header stores the flags only when they are not 0
        String fits = "v".repeat(1024 - 1 - 59 - 4);
        assertThat(Decoding.decode(1024, List.of(bytes(""
                + "set k 1 0 " + fits.length() + "\r\n" + fits + "\r\n"
                + "set k 1 0 " + (fits.length() + 1) + "\r\n" + fits + "v\r\n"
                + "ms k " + (fits.length() + 1) + " F1\r\n" + fits + "v\r\n"
                + "ms k " + (fits.length() + 1) + " F0\r\n" + fits + "v\r\n")))).containsExactly(
                "Storage[verb=SET, key='k', flags=1, exptime=0, data='" + fits + "', cas=0, noreply=false]",
                "TooLarge[verb=SET, key='k', noreply=false, meta=false]",
                "TooLarge[verb=SET, key='k', noreply=false, meta=true]",
                "MetaSet[key='k', data='" + fits + "v', flags={F clientFlags=0 compareCas=0 newCas=0 initial=0"
                        + " delta=1}]");
    }

    @Test
    void aNulByteEndsTheLine() {
        assertThat(decode("set k\0zz 0 0 1\r\nx\r\n", "get a b\0 c\r\n", "set a 0 0 1\0 junk\r\nx\r\n", "\0\r\n"))
                .containsExactly(ERROR, ERROR,
                        "Retrieval[withCas=false, touch=false, exptime=0, keys=['a', 'b']]",
                        "Storage[verb=SET, key='a', flags=0, exptime=0, data='x', cas=0, noreply=false]",
                        ERROR);
    }
}
