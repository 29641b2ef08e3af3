package io.memcluster.frontend.net;

import io.memcluster.frontend.stats.FrontendStats;
import io.netty.channel.ChannelHandlerContext;
import java.nio.channels.ClosedChannelException;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.handler.ssl.SslHandler;
import io.netty.handler.ssl.SslHandshakeCompletionEvent;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Counts TLS handshakes as memcached does ({@code ssl_handshake_errors}, {@code ssl_new_sessions})
 * plus those that resumed a session ({@code ssl_resumed_sessions}), and logs refused handshakes:
 * a client certificate from another CA or an expired one shows up here.
 *
 * <p>Whether a handshake resumed a session is {@link SessionResumption}'s to tell.
 */
public final class TlsHandshakes extends ChannelInboundHandlerAdapter {

    private static final Logger log = LoggerFactory.getLogger(TlsHandshakes.class);

    private final FrontendStats stats;

    public TlsHandshakes(FrontendStats stats) {
        this.stats = stats;
    }

    @Override
    public void userEventTriggered(ChannelHandlerContext ctx, Object event) {
        if (event instanceof SslHandshakeCompletionEvent handshake) {
            if (handshake.isSuccess()) {
                boolean resumed = SessionResumption.resumed(ctx.pipeline().get(SslHandler.class).engine());
                (resumed ? stats.sslResumedSessions : stats.sslNewSessions).increment();
            } else {
                stats.sslHandshakeErrors.increment();
                Throwable cause = handshake.cause();
                String reason = cause.getMessage() != null ? cause.getMessage() : cause.getClass().getSimpleName();
                if (cause instanceof ClosedChannelException) {
                    // a port probe or a client that gave up: nothing for the operator to act on
                    log.debug("TLS handshake with {} ended: the client closed the connection",
                            ctx.channel().remoteAddress());
                } else {
                    log.info("TLS handshake with {} failed: {}", ctx.channel().remoteAddress(), reason);
                }
            }
        }
        ctx.fireUserEventTriggered(event);
    }
}
