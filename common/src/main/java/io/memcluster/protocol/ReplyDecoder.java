package io.memcluster.protocol;

import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.ByteToMessageDecoder;
import java.util.List;

/**
 * Bytes from a memcached server to {@link Reply} elements: the client side of the text
 * protocol, classic and meta, as a state machine with two states. A line ends at {@code \n}
 * (an optional {@code \r} before it is dropped, since metadump lines have none); a
 * {@code VALUE} or {@code VA} line is followed by exactly its announced length plus
 * {@code \r\n}.
 *
 * <p>The decoder does not know what was asked: it decodes each line by its first word (see
 * {@link ReplyLineParser}), which memcached's replies make unambiguous. Which element answers
 * which request is the caller's business (replies come in request order).
 *
 * <p>On a malformed reply it throws {@link ReplyDecoderException} and goes back to expecting a
 * line; the caller should close the connection, which is no longer in step with its requests.
 */
public final class ReplyDecoder extends ByteToMessageDecoder {

    /** Long enough for a metadump line of a 250-byte key with every byte percent-encoded. */
    public static final int DEFAULT_MAX_LINE_LENGTH = 8192;
    /** memcached's largest configurable item (-I 1g). */
    public static final int DEFAULT_MAX_VALUE_LENGTH = 1 << 30;

    private enum State { LINE, DATA }

    private final int maxLineLength;
    private final ReplyLineParser parser;
    private State state = State.LINE;
    private ReplyLineParser.DataHeader header;

    public ReplyDecoder() {
        this(DEFAULT_MAX_LINE_LENGTH, DEFAULT_MAX_VALUE_LENGTH);
    }

    /**
     * @param maxLineLength  longest line accepted, without its line end
     * @param maxValueLength largest value block accepted
     */
    public ReplyDecoder(int maxLineLength, int maxValueLength) {
        if (maxLineLength < 1024) {
            throw new IllegalArgumentException("maxLineLength: " + maxLineLength + " (expected: >= 1024)");
        }
        if (maxValueLength < 0) {
            throw new IllegalArgumentException("maxValueLength: " + maxValueLength + " (expected: >= 0)");
        }
        this.maxLineLength = maxLineLength;
        this.parser = new ReplyLineParser(maxValueLength);
    }

    @Override
    protected void decode(ChannelHandlerContext ctx, ByteBuf in, List<Object> out) {
        while (in.isReadable()) {
            boolean progressed = state == State.LINE ? readLine(in, out) : readData(in, out);
            if (!progressed) {
                return;
            }
        }
    }

    private boolean readLine(ByteBuf in, List<Object> out) {
        int from = in.readerIndex();
        int searchable = Math.min(in.readableBytes(), maxLineLength + 2);
        int lf = in.indexOf(from, from + searchable, (byte) '\n');
        if (lf < 0) {
            if (in.readableBytes() > maxLineLength + 1) {
                in.skipBytes(in.readableBytes());
                throw new ReplyDecoderException("reply line longer than " + maxLineLength + " bytes");
            }
            return false;
        }
        int length = lf - from;
        if (length > 0 && in.getByte(lf - 1) == '\r') {
            length--;
        }
        byte[] line = new byte[length];
        in.getBytes(from, line);
        in.readerIndex(lf + 1);
        Object parsed = parser.parse(line);
        if (parsed instanceof ReplyLineParser.DataHeader dataHeader) {
            header = dataHeader;
            state = State.DATA;
        } else {
            out.add(parsed);
        }
        return true;
    }

    private boolean readData(ByteBuf in, List<Object> out) {
        int length = header.length();
        if (in.readableBytes() < length + 2) {
            return false;
        }
        int end = in.readerIndex() + length;
        boolean terminated = in.getByte(end) == '\r' && in.getByte(end + 1) == '\n';
        ReplyLineParser.DataHeader done = header;
        header = null;
        state = State.LINE;
        if (!terminated) {
            // Skip no further: the next line starts wherever the server thinks it does.
            throw new ReplyDecoderException("value block of " + length + " bytes not followed by \\r\\n");
        }
        byte[] data = new byte[length];
        in.readBytes(data);
        in.skipBytes(2);
        out.add(done.complete(data));
        return true;
    }
}
