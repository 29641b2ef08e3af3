package io.memcluster.tls;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import io.netty.channel.embedded.EmbeddedChannel;
import io.netty.handler.ssl.SslContext;
import io.netty.handler.ssl.SslContextBuilder;
import io.netty.handler.ssl.SslHandler;
import io.netty.handler.ssl.SslProvider;
import io.netty.handler.ssl.util.InsecureTrustManagerFactory;
import io.netty.util.ReferenceCountUtil;
import javax.net.ssl.SSLException;

/**
 * A TLS handshake in memory against a server context, before it is put in force. Building a
 * context reads the files but does not notice a private key that belongs to another
 * certificate: that shows only when a client connects, and would then fail every connection.
 *
 * <p>The probe client trusts anything, because what is checked here is that the server can
 * complete a handshake with its own key; whether clients trust its certificate is theirs to say.
 */
final class HandshakeProbe {

    // A TLS 1.3 handshake takes one round trip and TLS 1.2 two; the rest covers alerts and tickets.
    private static final int MAX_ROUNDS = 10;

    private HandshakeProbe() {
    }

    /** @throws SSLException saying why the handshake failed */
    static void check(SslContext server, SslProvider provider) throws SSLException {
        SslContext client = SslContextBuilder.forClient()
                .sslProvider(provider)
                .protocols(TlsProviders.PROTOCOLS)
                .trustManager(InsecureTrustManagerFactory.INSTANCE)
                .build();
        SslHandler serverHandler = server.newHandler(ByteBufAllocator.DEFAULT);
        SslHandler clientHandler = client.newHandler(ByteBufAllocator.DEFAULT, "localhost", 0);
        EmbeddedChannel serverChannel = new EmbeddedChannel(serverHandler);
        EmbeddedChannel clientChannel = new EmbeddedChannel(clientHandler);
        try {
            for (int round = 0; round < MAX_ROUNDS && !(done(serverHandler) && done(clientHandler)); round++) {
                pass(clientChannel, serverChannel);
                pass(serverChannel, clientChannel);
            }
            Throwable failure = serverHandler.handshakeFuture().cause();
            if (failure == null) {
                failure = clientHandler.handshakeFuture().cause();
            }
            if (failure == null && !(done(serverHandler) && done(clientHandler))) {
                throw new SSLException("a test handshake did not finish in " + MAX_ROUNDS + " rounds");
            }
            if (failure != null) {
                throw new SSLException("a test handshake with this certificate and key fails: "
                        + failure.getMessage(), failure);
            }
        } finally {
            serverChannel.finishAndReleaseAll();
            clientChannel.finishAndReleaseAll();
            ReferenceCountUtil.release(client);
        }
    }

    private static boolean done(SslHandler handler) {
        return handler.handshakeFuture().isDone();
    }

    private static void pass(EmbeddedChannel from, EmbeddedChannel to) {
        from.runPendingTasks();
        for (ByteBuf bytes = from.readOutbound(); bytes != null; bytes = from.readOutbound()) {
            if (!to.isOpen()) {
                bytes.release();
                continue;
            }
            try {
                to.writeInbound(bytes);
            } catch (RuntimeException refused) {
                // also in the handshake future, which is what check() reports
            }
        }
        to.runPendingTasks();
    }
}
