package io.memcluster.client;

import io.memcluster.auth.Namespaces;
import io.memcluster.protocol.Command;
import io.memcluster.protocol.CommandEncoder;
import io.memcluster.protocol.StorageVerb;
import io.memcluster.protocol.TextCommandDecoder;
import io.netty.bootstrap.Bootstrap;
import io.netty.bootstrap.ServerBootstrap;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.group.ChannelGroup;
import io.netty.channel.group.DefaultChannelGroup;
import io.netty.channel.nio.NioIoHandler;
import io.netty.channel.socket.SocketChannel;
import io.netty.channel.socket.nio.NioServerSocketChannel;
import io.netty.channel.socket.nio.NioSocketChannel;
import io.netty.handler.ssl.SslContext;
import io.netty.util.concurrent.GlobalEventExecutor;
import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.Set;

/**
 * What the node will be once TLS, logins and permissions are merged (branch tls-auth), for the
 * CLI's tests until then: a TLS (or plain) front on a free loopback port that answers the login
 * step and refuses writes to some namespaces with the node's own replies, and relays every
 * other command, re-encoded with {@link CommandEncoder}, to a real node behind it. Replies from
 * the node are passed back byte for byte.
 *
 * <p>Replies it makes itself are written at once, so a client must not pipeline a refused
 * command behind relayed ones (the CLI waits for each reply except in FLUSH NAMESPACE's batches,
 * which are all refused or all relayed).
 */
final class FrontServer implements AutoCloseable {

    private final int nodePort;
    private final SslContext tls;
    private final Map<String, String> passwords;
    private final Set<String> readOnlyNamespaces;
    private final EventLoopGroup group = new MultiThreadIoEventLoopGroup(2, NioIoHandler.newFactory());
    /** Separate, so that waiting for a node connection never blocks the loop it runs on. */
    private final EventLoopGroup nodeGroup = new MultiThreadIoEventLoopGroup(1, NioIoHandler.newFactory());
    private final ChannelGroup clients = new DefaultChannelGroup(GlobalEventExecutor.INSTANCE);
    private Channel listener;
    private int port;

    /**
     * @param tls                server TLS, or null for plaintext
     * @param passwords          username to password; null for a server without logins
     * @param readOnlyNamespaces namespaces whose writes get {@code CLIENT_ERROR permission denied}
     */
    FrontServer(int nodePort, SslContext tls, Map<String, String> passwords, Set<String> readOnlyNamespaces) {
        this.nodePort = nodePort;
        this.tls = tls;
        this.passwords = passwords;
        this.readOnlyNamespaces = readOnlyNamespaces;
    }

    /** Starts listening on {@code port} (0: a free one) of 127.0.0.1. */
    FrontServer start(int port) throws InterruptedException {
        return start(InetAddress.getLoopbackAddress(), port);
    }

    /** Starts listening on {@code port} (0: a free one) of a loopback address. */
    FrontServer start(InetAddress address, int port) throws InterruptedException {
        listener = new ServerBootstrap()
                .group(group)
                .channel(NioServerSocketChannel.class)
                .option(ChannelOption.SO_REUSEADDR, true)
                .childHandler(new ChannelInitializer<SocketChannel>() {
                    @Override
                    protected void initChannel(SocketChannel channel) {
                        clients.add(channel);
                        if (tls != null) {
                            channel.pipeline().addLast(tls.newHandler(channel.alloc()));
                        }
                        channel.pipeline().addLast(new TextCommandDecoder(1 << 20));
                        channel.pipeline().addLast(new Front());
                    }
                })
                .bind(address, port).sync().channel();
        this.port = ((java.net.InetSocketAddress) listener.localAddress()).getPort();
        return this;
    }

    int port() {
        return port;
    }

    /** Closes every client connection, as a restarting server would; keeps listening. */
    void dropConnections() {
        clients.close().awaitUninterruptibly();
    }

    /** Stops listening and closes every connection; {@link #start} again on the same port. */
    void stop() {
        if (listener != null) {
            listener.close().awaitUninterruptibly();
            listener = null;
        }
        dropConnections();
    }

    @Override
    public void close() {
        stop();
        group.shutdownGracefully(0, 1, java.util.concurrent.TimeUnit.SECONDS).awaitUninterruptibly();
        nodeGroup.shutdownGracefully(0, 1, java.util.concurrent.TimeUnit.SECONDS).awaitUninterruptibly();
    }

    /** One client connection: login, permission check, relay. */
    private final class Front extends ChannelInboundHandlerAdapter {
        private Channel node;
        private boolean loggedIn = passwords == null;

        @Override
        public void channelActive(ChannelHandlerContext ctx) throws Exception {
            Channel client = ctx.channel();
            node = new Bootstrap()
                    .group(nodeGroup)
                    .channel(NioSocketChannel.class)
                    .handler(new ChannelInitializer<SocketChannel>() {
                        @Override
                        protected void initChannel(SocketChannel channel) {
                            channel.pipeline().addLast(new CommandEncoder());
                            channel.pipeline().addLast(new ChannelInboundHandlerAdapter() {
                                @Override
                                public void channelRead(ChannelHandlerContext nodeCtx, Object msg) {
                                    client.writeAndFlush(msg);
                                }

                                @Override
                                public void channelInactive(ChannelHandlerContext nodeCtx) {
                                    client.close();
                                }
                            });
                        }
                    })
                    .connect(InetAddress.getLoopbackAddress(), nodePort).sync().channel();
            super.channelActive(ctx);
        }

        @Override
        public void channelInactive(ChannelHandlerContext ctx) {
            if (node != null) {
                node.close();
            }
        }

        @Override
        public void channelRead(ChannelHandlerContext ctx, Object msg) {
            Command command = (Command) msg;
            if (command instanceof Command.Close) {
                ctx.close();
            } else if (!loggedIn) {
                login(ctx, command);
            } else if (command instanceof Command.Invalid invalid) {
                reply(ctx, invalid.reply());
            } else if (writesTo(command, readOnlyNamespaces)) {
                reply(ctx, "CLIENT_ERROR permission denied");
            } else {
                node.writeAndFlush(command);
            }
        }

        private void login(ChannelHandlerContext ctx, Command command) {
            if (command instanceof Command.Storage set && set.verb() == StorageVerb.SET) {
                String[] parts = new String(set.data(), StandardCharsets.UTF_8).split(" ", 2);
                boolean right = parts.length == 2 && parts[1].equals(passwords.get(parts[0]));
                loggedIn = right;
                reply(ctx, right ? "STORED" : "CLIENT_ERROR authentication failure");
            } else {
                reply(ctx, "CLIENT_ERROR unauthenticated");
            }
        }

        private void reply(ChannelHandlerContext ctx, String line) {
            ByteBuf out = Unpooled.copiedBuffer(line + "\r\n", StandardCharsets.US_ASCII);
            ctx.writeAndFlush(out);
        }
    }

    private static boolean writesTo(Command command, Set<String> namespaces) {
        byte[] key = null;
        if (command instanceof Command.Storage s) {
            key = s.key();
        } else if (command instanceof Command.Delete d) {
            key = d.key();
        } else if (command instanceof Command.Arithmetic a) {
            key = a.key();
        } else if (command instanceof Command.Touch t) {
            key = t.key();
        }
        return key != null && namespaces.contains(Namespaces.namespaceOf(key, 0, key.length));
    }
}
