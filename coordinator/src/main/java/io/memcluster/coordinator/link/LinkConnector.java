package io.memcluster.coordinator.link;

import io.memcluster.protocol.Command;
import io.memcluster.protocol.Reply;
import io.memcluster.protocol.ReplyDecoder;
import io.memcluster.time.Ticker;
import io.netty.bootstrap.Bootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoop;
import io.netty.handler.ssl.SslContext;
import io.netty.handler.ssl.SslHandler;
import io.netty.util.concurrent.Future;
import io.netty.util.concurrent.Promise;
import java.util.function.Consumer;
import java.util.function.Function;

/**
 * How a link's connection is made: TCP (no Nagle: requests are batched per turn already), the
 * TLS handshake, and {@code version} answered on the connection's own FIFO. Each step is
 * bounded: the connect timeout for TCP and for the handshake, the request timeout for the reply.
 *
 * <p>The reply is what counts: under TLS 1.3 the client's side of the handshake is over before
 * the node has judged the client's certificate, so a node that refuses the coordinator is found
 * out only when the first reply does not come.
 */
final class LinkConnector {

    private final NodeAddress node;
    private final SslContext tls;
    private final LinkSettings settings;

    /** @param tls a client context for mutual TLS, or null for plaintext */
    LinkConnector(NodeAddress node, SslContext tls, LinkSettings settings) {
        this.node = node;
        this.tls = tls;
        this.settings = settings;
    }

    /**
     * Connects on {@code loop}; {@code install} puts the decoder and FIFO on the new channel (behind
     * TLS). Completes with the version the node answered, or fails with a NOT_CONNECTED
     * {@link LinkFailure} saying which step failed; a failed attempt leaves no channel open.
     */
    Future<String> connect(EventLoop loop, Function<Channel, InFlightQueue> install) {
        Promise<String> attempt = loop.newPromise();
        InFlightQueue[] queue = new InFlightQueue[1];
        Bootstrap bootstrap = new Bootstrap()
                .group(loop)
                .channel(LinkTransport.socketChannel(loop))
                .option(ChannelOption.TCP_NODELAY, true)
                .option(ChannelOption.SO_KEEPALIVE, true)
                .option(ChannelOption.CONNECT_TIMEOUT_MILLIS, (int) settings.connectTimeout().toMillis())
                .handler(new ChannelInitializer<Channel>() {
                    @Override
                    protected void initChannel(Channel channel) {
                        if (tls != null) {
                            // the host is also the name the node's certificate must carry (SNI, and
                            // the endpoint identification ClientTlsContexts turns on)
                            SslHandler handler = tls.newHandler(channel.alloc(), node.host(), node.port());
                            handler.setHandshakeTimeoutMillis(settings.connectTimeout().toMillis());
                            channel.pipeline().addLast("tls", handler);
                        }
                        queue[0] = install.apply(channel);
                    }
                });
        bootstrap.connect(node.host(), node.port()).addListener((ChannelFuture connected) -> {
            if (!connected.isSuccess()) {
                fail(attempt, "connect failed: " + LinkFailure.describe(connected.cause()));
                return;
            }
            Channel channel = connected.channel();
            SslHandler handler = channel.pipeline().get(SslHandler.class);
            if (handler == null) {
                askVersion(channel, queue[0], attempt);
                return;
            }
            handler.handshakeFuture().addListener(handshake -> {
                if (handshake.isSuccess()) {
                    askVersion(channel, queue[0], attempt);
                } else {
                    fail(attempt, "TLS handshake failed: " + LinkFailure.describe(handshake.cause()));
                    channel.close();
                }
            });
        });
        return attempt;
    }

    /**
     * A connection of its own, outside the pool (a metadump's, a slow request's), made as a
     * link's; its queue tells nobody, as such a connection says nothing of the node's health.
     * {@code made} hears of the channel as soon as it exists, so that it can be closed while
     * connecting. Completes on {@code loop} with the channel, in a task of its own (when the
     * connect completes, the version's reply is still being handled by its queue), or fails
     * with a NOT_CONNECTED {@link LinkFailure}.
     */
    Future<Channel> connectOwn(EventLoop loop, Ticker ticker, Consumer<Channel> made) {
        Promise<Channel> own = loop.newPromise();
        Channel[] channel = new Channel[1];
        connect(loop, ch -> {
            channel[0] = ch;
            made.accept(ch);
            InFlightQueue versionOnly = new InFlightQueue(node, settings, ticker, InFlightQueue.Events.UNCOUNTED);
            ch.pipeline().addLast("replies", new ReplyDecoder());
            ch.pipeline().addLast("in-flight", versionOnly);
            return versionOnly;
        }).addListener(done -> {
            if (!done.isSuccess()) {
                Throwable cause = done.cause();
                own.tryFailure(cause instanceof LinkFailure failure ? failure
                        : new LinkFailure(LinkFailure.Kind.NOT_CONNECTED, node, LinkFailure.describe(cause)));
            } else {
                loop.execute(() -> own.trySuccess(channel[0]));
            }
        });
        return own;
    }

    private void askVersion(Channel channel, InFlightQueue queue, Promise<String> attempt) {
        queue.send(new Command.Version(), new ReplyCallback() {
            @Override
            public void completed(Reply reply) {
                if (reply instanceof Reply.Version version) {
                    attempt.trySuccess(version.version());
                } else {
                    fail(attempt, "answered " + describe(reply) + " to version: not a memcached node");
                    channel.close();
                }
            }

            @Override
            public void failed(LinkFailure failure) {
                // a node refusing the client certificate under TLS 1.3 ends up here
                fail(attempt, "no answer to version (" + failure.kind().words() + ": " + failure.detail() + ")");
                channel.close();
            }
        });
    }

    private static String describe(Reply reply) {
        return reply instanceof Reply.Error error ? error.line() : reply.getClass().getSimpleName();
    }

    private void fail(Promise<String> attempt, String detail) {
        attempt.tryFailure(new LinkFailure(LinkFailure.Kind.NOT_CONNECTED, node, detail));
    }
}
