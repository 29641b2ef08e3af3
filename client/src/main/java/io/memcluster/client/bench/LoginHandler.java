package io.memcluster.client.bench;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import java.nio.charset.StandardCharsets;

/**
 * memcached's text-protocol login, as the node and {@code memcached -Y} take it: the connection's
 * first command is {@code set <any key> 0 0 <n>} whose data is {@code <user> <password>}, and
 * {@code STORED} means logged in. On success this handler leaves the pipeline and fires
 * {@link #LOGGED_IN}; on anything else it fails the connection with the server's answer.
 */
final class LoginHandler extends ChannelInboundHandlerAdapter {

    /** The user event fired down the pipeline once the server has answered STORED. */
    static final Object LOGGED_IN = new Object() {
        @Override
        public String toString() {
            return "LOGGED_IN";
        }
    };

    private static final int LINE_LIMIT = 1024;

    private final String username;
    private final byte[] request;
    private ByteBuf line;

    LoginHandler(String username, String password) {
        this.username = username;
        byte[] data = (username + " " + password).getBytes(StandardCharsets.UTF_8);
        byte[] header = ("set login 0 0 " + data.length + "\r\n").getBytes(StandardCharsets.US_ASCII);
        request = new byte[header.length + data.length + 2];
        System.arraycopy(header, 0, request, 0, header.length);
        System.arraycopy(data, 0, request, header.length, data.length);
        request[request.length - 2] = '\r';
        request[request.length - 1] = '\n';
    }

    @Override
    public void channelActive(ChannelHandlerContext ctx) {
        // Under TLS the handler before this one holds the bytes until the handshake is done.
        ctx.writeAndFlush(Unpooled.wrappedBuffer(request));
        ctx.fireChannelActive();
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        ByteBuf in = (ByteBuf) msg;
        if (line == null) {
            line = ctx.alloc().buffer(64);
        }
        int newline = in.indexOf(in.readerIndex(), in.writerIndex(), (byte) '\n');
        int end = newline < 0 ? in.writerIndex() : newline + 1;
        line.writeBytes(in, Math.min(end - in.readerIndex(), LINE_LIMIT));
        if (newline < 0 && line.readableBytes() < LINE_LIMIT) {
            in.release();
            return;
        }
        String answer = line.toString(StandardCharsets.ISO_8859_1).strip();
        line.release();
        line = null;
        if (newline >= 0 && answer.equals("STORED")) {
            ctx.fireUserEventTriggered(LOGGED_IN);
            ctx.pipeline().remove(this);
            if (in.isReadable()) {
                ctx.fireChannelRead(in);
            } else {
                in.release();
            }
            return;
        }
        in.release();
        ctx.fireExceptionCaught(new BenchException("login as '" + username + "' refused: " + answer));
        ctx.close();
    }

    @Override
    public void handlerRemoved(ChannelHandlerContext ctx) {
        if (line != null) {
            line.release();
            line = null;
        }
    }
}
