package io.memcluster.client.bench;

import io.netty.buffer.ByteBuf;
import java.nio.charset.StandardCharsets;

/**
 * Writes {@code get <key>} and {@code set <key> 0 0 <n>} requests from pieces encoded once: the
 * verb, the key from the {@link KeyTable}, and one shared tail holding the set's length line and
 * the whole value. A request costs three array copies and nothing else.
 */
final class RequestEncoder {

    private static final byte[] GET = ascii("get ");
    private static final byte[] SET = ascii("set ");
    private static final byte[] CRLF = ascii("\r\n");

    private final KeyTable keys;
    private final byte[] setTail;

    RequestEncoder(KeyTable keys, int valueSize) {
        this.keys = keys;
        byte[] header = ascii(" 0 0 " + valueSize + "\r\n");
        setTail = new byte[header.length + valueSize + 2];
        System.arraycopy(header, 0, setTail, 0, header.length);
        // a value that is readable in a packet capture and the same on every run
        for (int i = 0; i < valueSize; i++) {
            setTail[header.length + i] = (byte) ('a' + i % 26);
        }
        setTail[setTail.length - 2] = '\r';
        setTail[setTail.length - 1] = '\n';
    }

    void writeGet(ByteBuf out, int key) {
        out.writeBytes(GET);
        keys.write(out, key);
        out.writeBytes(CRLF);
    }

    void writeSet(ByteBuf out, int key) {
        out.writeBytes(SET);
        keys.write(out, key);
        out.writeBytes(setTail);
    }

    /** The longest request this encoder writes, to size buffers. */
    int maxRequestLength() {
        return SET.length + keys.keyLength() + setTail.length;
    }

    private static byte[] ascii(String text) {
        return text.getBytes(StandardCharsets.US_ASCII);
    }
}
