package io.memcluster.server.net;

import io.memcluster.server.store.Outcome;
import io.netty.buffer.ByteBuf;
import java.nio.charset.StandardCharsets;

/** memcached's fixed reply lines, encoded once. */
final class Replies {
    static final int CRLF = ('\r' << 8) | '\n';
    static final byte[] VALUE = ascii("VALUE ");
    static final byte[] END = ascii("END\r\n");
    static final byte[] STORED = ascii("STORED\r\n");
    static final byte[] NOT_STORED = ascii("NOT_STORED\r\n");
    static final byte[] EXISTS = ascii("EXISTS\r\n");
    static final byte[] NOT_FOUND = ascii("NOT_FOUND\r\n");
    static final byte[] DELETED = ascii("DELETED\r\n");
    static final byte[] TOUCHED = ascii("TOUCHED\r\n");
    static final byte[] OUT_OF_MEMORY = ascii("SERVER_ERROR out of memory storing object\r\n");
    static final byte[] PERMISSION_DENIED = ascii("CLIENT_ERROR permission denied\r\n");
    static final String NON_NUMERIC = "CLIENT_ERROR cannot increment or decrement non-numeric value";

    private Replies() {
    }

    static byte[] storage(Outcome outcome) {
        switch (outcome) {
            case STORED:
                return STORED;
            case NOT_STORED:
                return NOT_STORED;
            case EXISTS:
                return EXISTS;
            case NOT_FOUND:
                return NOT_FOUND;
            default:
                return OUT_OF_MEMORY;
        }
    }

    /** A reply line that is not one of the constants above, with its CRLF. */
    static void line(ByteBuf out, String line) {
        out.writeCharSequence(line, StandardCharsets.US_ASCII);
        out.writeShort(CRLF);
    }

    static byte[] ascii(String s) {
        return s.getBytes(StandardCharsets.US_ASCII);
    }
}
