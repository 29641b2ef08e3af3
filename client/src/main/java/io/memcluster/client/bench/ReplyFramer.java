package io.memcluster.client.bench;

import io.netty.buffer.ByteBuf;
import java.nio.charset.StandardCharsets;

/**
 * Finds where each reply to a {@code get <key>} or {@code set} ends in a stream of memcached text
 * protocol, and says what kind it was; it never builds a message object.
 *
 * <p>Why not the client's general reply decoder: that one turns replies into values and keys for
 * the shell, which is right for correctness and wrong for a load generator, where an object per
 * reply becomes garbage the generator's own collector then measures. This framer keeps one line
 * buffer, skips value bytes by count (a value may contain {@code END\r\n}), and reports each reply
 * through {@link Listener}, which the connection implements, so that nothing is allocated per reply.
 */
final class ReplyFramer {

    /** A listener told about each complete reply. */
    interface Listener {
        void reply(Reply reply);
    }

    /** A VALUE line is at most ~300 bytes (250-byte key, flags, length, CAS); error lines are short. */
    private static final int LINE_LIMIT = 1024;

    private final byte[] line = new byte[LINE_LIMIT];
    private int lineLength;
    private int lineBytesSeen;
    /** Bytes of a value block, with its CRLF, still to skip. */
    private long valueRemaining;
    /** The reply under way has had its VALUE line: END now means a hit. */
    private boolean valueSeen;

    /** Consumes every readable byte of {@code in}, telling {@code listener} of each reply completed. */
    void feed(ByteBuf in, Listener listener) {
        while (in.isReadable()) {
            if (valueRemaining > 0) {
                int skip = (int) Math.min(valueRemaining, in.readableBytes());
                in.skipBytes(skip);
                valueRemaining -= skip;
                continue;
            }
            int start = in.readerIndex();
            int newline = in.indexOf(start, in.writerIndex(), (byte) '\n');
            int end = newline < 0 ? in.writerIndex() : newline + 1;
            int copy = Math.min(end - start, LINE_LIMIT - lineLength);
            in.getBytes(start, line, lineLength, copy);
            lineLength += copy;
            lineBytesSeen += end - start;
            in.readerIndex(end);
            if (newline < 0) {
                return;
            }
            lineDone(listener);
        }
    }

    /** The line just completed, for an error report; allocates, so only call it on errors. */
    String lastLine() {
        return new String(line, 0, contentLength(), StandardCharsets.ISO_8859_1);
    }

    private void lineDone(Listener listener) {
        int length = contentLength();
        try {
            if (startsWith("VALUE ", length)) {
                if (valueSeen) {
                    throw new ReplyFormatException("two VALUE lines in the reply to one get: " + lastLine());
                }
                valueRemaining = valueLength(length) + 2;
                valueSeen = true;
            } else if (is("END", length)) {
                Reply reply = valueSeen ? Reply.HIT : Reply.MISS;
                valueSeen = false;
                listener.reply(reply);
            } else if (valueSeen) {
                throw new ReplyFormatException("expected END after a value, got: " + lastLine());
            } else if (is("STORED", length)) {
                listener.reply(Reply.STORED);
            } else {
                listener.reply(Reply.ERROR);
            }
        } finally {
            lineLength = 0;
            lineBytesSeen = 0;
        }
    }

    /** The line without its CR LF (or bare LF); an overlong line only as far as it was kept. */
    private int contentLength() {
        if (lineBytesSeen > LINE_LIMIT) {
            return LINE_LIMIT;
        }
        int length = lineLength - 1;
        if (length > 0 && line[length - 1] == '\r') {
            length--;
        }
        return Math.max(length, 0);
    }

    /** The {@code <bytes>} of {@code VALUE <key> <flags> <bytes> [<cas>]}. */
    private long valueLength(int length) {
        int field = 0;
        int i = 0;
        while (field < 3) {
            while (i < length && line[i] != ' ') {
                i++;
            }
            while (i < length && line[i] == ' ') {
                i++;
            }
            field++;
        }
        long value = 0;
        int digits = 0;
        while (i < length && line[i] != ' ') {
            int digit = line[i] - '0';
            if (digit < 0 || digit > 9 || digits == 10) {
                break;
            }
            value = value * 10 + digit;
            digits++;
            i++;
        }
        if (digits == 0 || (i < length && line[i] != ' ')) {
            throw new ReplyFormatException("VALUE line without a valid length: " + lastLine());
        }
        return value;
    }

    private boolean is(String word, int length) {
        return length == word.length() && startsWith(word, length);
    }

    private boolean startsWith(String prefix, int length) {
        if (length < prefix.length()) {
            return false;
        }
        for (int i = 0; i < prefix.length(); i++) {
            if (line[i] != prefix.charAt(i)) {
                return false;
            }
        }
        return true;
    }
}
