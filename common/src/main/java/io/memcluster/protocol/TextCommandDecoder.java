package io.memcluster.protocol;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.ByteToMessageDecoder;
import java.util.List;

/**
 * Bytes to {@link Command}s: the memcached text protocol's framing as a state machine. A line
 * ends at {@code \n} (an optional {@code \r} before it is dropped); a storage line is followed by
 * exactly {@code <bytes> + 2} bytes of data. Limits are memcached's, applied to the whole line
 * however its bytes arrive: a line whose newline is not within {@link #READ_BUFFER_SIZE} bytes of
 * its start closes the connection unless it is a get (multigets may be long, up to
 * {@link #MAX_GET_LINE_LENGTH} here); an oversized value is swallowed and refused.
 *
 * <p>Decoding pauses while the channel is not writable (a client that pipelines requests but
 * does not read replies), and reading stops with it, so replies cannot pile up without bound.
 *
 * <p>The login step ({@code LoginHandler}) holds a connection that has not logged in to less:
 * smaller items ({@link #restrict}) and no long get lines, and it stops decoding
 * ({@link #suspend}) while a login is checked, so that what follows the login is decoded under
 * the limits of its outcome.
 */
public final class TextCommandDecoder extends ByteToMessageDecoder {

    /**
     * memcached's read buffer: a line that is not a get must have its newline within this many
     * bytes. (memcached checks for a newline once more than 2048 bytes are buffered, so whether
     * it answers a longer line depends on how its bytes were split into reads; a 3 KB line sent
     * in one TLS record is answered by memcached -Z. We wait for the newline as long as the line
     * could still fit the buffer, whatever the split.)
     */
    public static final int READ_BUFFER_SIZE = 16384;
    /** Our bound for multiget lines, which memcached leaves unbounded. */
    public static final int MAX_GET_LINE_LENGTH = 1 << 20;
    /** Before a login ({@link #restrict}): how long a line may wait for its newline. */
    public static final int LOGIN_LINE_LENGTH = 2048;

    private enum State { LINE, DATA, SWALLOW, CLOSED }

    private final Tokens tokens = new Tokens();
    private final RequestLineParser parser;
    private final int maxItemSize;
    private State state = State.LINE;
    private PendingData pending;
    private long swallow;
    private boolean paused;
    private boolean restricted;
    private boolean suspended;
    private ChannelHandlerContext ctx;

    /**
     * @param maxItemSize the largest item (key, value and memcached's header) to accept
     */
    public TextCommandDecoder(int maxItemSize) {
        if (maxItemSize < 1024) {
            throw new IllegalArgumentException("maxItemSize: " + maxItemSize + " (expected: >= 1024)");
        }
        this.parser = new RequestLineParser(maxItemSize);
        this.maxItemSize = maxItemSize;
    }

    /**
     * Until {@link #unrestrict}: items larger than {@code itemSize} are refused as too large at
     * their command line, their data swallowed as it arrives rather than buffered, and a line
     * without a newline closes the connection after {@link #LOGIN_LINE_LENGTH} bytes, get lines
     * too. What a connection that has not logged in may make the server hold.
     */
    public void restrict(int itemSize) {
        restricted = true;
        parser.maxItemSize = Math.min(itemSize, maxItemSize);
    }

    /** Back to the limits this decoder was made with. */
    public void unrestrict() {
        restricted = false;
        parser.maxItemSize = maxItemSize;
    }

    /**
     * Decodes nothing after the command being handled until {@link #resume}; what arrives
     * meanwhile is kept. The caller stops reading too (auto-read off), which bounds what is kept.
     */
    public void suspend() {
        suspended = true;
    }

    /**
     * Decodes what was kept and goes on. On the channel's event loop, and not from a handler
     * called by this decoder's own decoding (which goes on by itself when not suspended).
     */
    public void resume() {
        suspended = false;
        if (ctx != null && !paused && !ctx.isRemoved()) {
            try {
                channelRead(ctx, Unpooled.EMPTY_BUFFER);
                channelReadComplete(ctx);
            } catch (Exception e) {
                ctx.fireExceptionCaught(e);
            }
        }
    }

    @Override
    public void handlerAdded(ChannelHandlerContext ctx) throws Exception {
        this.ctx = ctx;
        super.handlerAdded(ctx);
    }

    @Override
    protected void decode(ChannelHandlerContext ctx, ByteBuf in, List<Object> out) {
        // One command per call: the superclass hands it to the handler before asking for the
        // next, so the handler's replies can make the channel unwritable between commands.
        while (in.isReadable() && out.isEmpty()) {
            if (suspended) {
                return;
            }
            if (!ctx.channel().isWritable()) {
                paused = true;
                ctx.channel().config().setAutoRead(false);
                return;
            }
            switch (state) {
                case LINE:
                    if (!readLine(in, out)) {
                        return;
                    }
                    break;
                case DATA:
                    if (!readData(in, out)) {
                        return;
                    }
                    break;
                case SWALLOW:
                    int skip = (int) Math.min(swallow, in.readableBytes());
                    in.skipBytes(skip);
                    swallow -= skip;
                    if (swallow > 0) {
                        return;
                    }
                    state = State.LINE;
                    break;
                case CLOSED:
                default:
                    in.skipBytes(in.readableBytes());
                    return;
            }
        }
    }

    @Override
    public void channelReadComplete(ChannelHandlerContext ctx) throws Exception {
        if (paused || suspended) {
            // the superclass would ask for more input here; while paused we want none
            ctx.fireChannelReadComplete();
        } else {
            super.channelReadComplete(ctx);
        }
    }

    @Override
    public void channelWritabilityChanged(ChannelHandlerContext ctx) throws Exception {
        if (paused && ctx.channel().isWritable()) {
            paused = false;
            if (!suspended) {
                ctx.channel().config().setAutoRead(true);
                // decode what was left buffered when we paused
                channelRead(ctx, Unpooled.EMPTY_BUFFER);
                channelReadComplete(ctx);
            }
        }
        ctx.fireChannelWritabilityChanged();
    }

    private boolean readLine(ByteBuf in, List<Object> out) {
        int from = in.readerIndex();
        int readable = in.readableBytes();
        int lf = in.indexOf(from, from + Math.min(readable, READ_BUFFER_SIZE), (byte) '\n');
        if (lf < 0 && restricted && readable > LOGIN_LINE_LENGTH) {
            // before a login, a line may wait for its newline as long as a login needs, get lines too
            close(in, out);
            return false;
        }
        if (lf < 0 && readable >= READ_BUFFER_SIZE) {
            // memcached's buffer would be full without a newline: only a multiget may grow on
            if (!startsWithGet(in)) {
                close(in, out);
                return false;
            }
            lf = in.indexOf(from + READ_BUFFER_SIZE, from + Math.min(readable, MAX_GET_LINE_LENGTH + 1), (byte) '\n');
            if (lf < 0 && readable > MAX_GET_LINE_LENGTH) {
                close(in, out);
                return false;
            }
        }
        if (lf < 0) {
            return false;
        }
        int length = lf - from;
        if (length > 1 && in.getByte(lf - 1) == '\r') {
            length--;
        }
        tokens.ensureCapacity(length);
        in.getBytes(from, tokens.line, 0, length);
        in.readerIndex(lf + 1);
        tokens.split(length);
        Command command = parser.parse(tokens);
        if (command != null) {
            out.add(command);
            if (command instanceof Command.Close) {
                state = State.CLOSED;
                in.skipBytes(in.readableBytes());
                return false;
            }
        }
        if (parser.pending != null) {
            pending = parser.pending;
            state = State.DATA;
        } else if (parser.swallow > 0) {
            swallow = parser.swallow;
            state = State.SWALLOW;
        }
        return true;
    }

    private boolean readData(ByteBuf in, List<Object> out) {
        int length = pending.length();
        if (in.readableBytes() < length + 2) {
            return false;
        }
        int end = in.readerIndex() + length;
        boolean terminated = in.getByte(end) == '\r' && in.getByte(end + 1) == '\n';
        PendingData done = pending;
        pending = null;
        state = State.LINE;
        if (!terminated) {
            in.skipBytes(length + 2);
            out.add(new Command.Invalid("CLIENT_ERROR bad data chunk", done.silentOnBadChunk()));
            return true;
        }
        byte[] data = new byte[length];
        in.readBytes(data);
        in.skipBytes(2);
        out.add(done.complete(data));
        return true;
    }

    private void close(ByteBuf in, List<Object> out) {
        in.skipBytes(in.readableBytes());
        state = State.CLOSED;
        out.add(Command.Close.INSTANCE);
    }

    /** memcached lets a line grow past its buffer only if it is a get/gets after <= 100 spaces. */
    private static boolean startsWithGet(ByteBuf in) {
        int i = in.readerIndex();
        int end = in.writerIndex();
        int spaces = 0;
        while (i < end && in.getByte(i) == ' ') {
            i++;
            spaces++;
        }
        if (spaces > 100) {
            return false;
        }
        return matches(in, i, end, "get ") || matches(in, i, end, "gets ");
    }

    private static boolean matches(ByteBuf in, int at, int end, String word) {
        if (end - at < word.length()) {
            return false;
        }
        for (int k = 0; k < word.length(); k++) {
            if (in.getByte(at + k) != word.charAt(k)) {
                return false;
            }
        }
        return true;
    }
}
