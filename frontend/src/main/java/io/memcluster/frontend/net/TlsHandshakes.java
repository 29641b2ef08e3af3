package io.memcluster.frontend.net;

import io.memcluster.frontend.stats.FrontendStats;
import io.memcluster.logging.PerAddressLogLimiter;
import io.netty.channel.ChannelHandlerContext;
import java.nio.channels.ClosedChannelException;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.handler.ssl.SslHandler;
import io.netty.handler.ssl.SslHandshakeCompletionEvent;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.event.Level;

/**
 * Counts TLS handshakes as memcached does ({@code ssl_handshake_errors}, {@code ssl_new_sessions})
 * plus those that resumed a session ({@code ssl_resumed_sessions}), and logs refused handshakes:
 * a client certificate from another CA or an expired one shows up here, a few times a minute per
 * address (a port scanner or a plaintext client would otherwise write a line per try).
 *
 * <p>Whether a handshake resumed a session is {@link SessionResumption}'s to tell.
 */
public final class TlsHandshakes extends ChannelInboundHandlerAdapter {

    private static final Logger log = LoggerFactory.getLogger(TlsHandshakes.class);

    private final FrontendStats stats;
    private final PerAddressLogLimiter logLimiter;

    public TlsHandshakes(FrontendStats stats, PerAddressLogLimiter logLimiter) {
        this.stats = stats;
        this.logLimiter = logLimiter;
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
                    logLimiter.log(log, Level.INFO, ctx.channel().remoteAddress(), "TLS handshake with {} failed: {}",
                            ctx.channel().remoteAddress(), reason);
                }
            }
        }
        ctx.fireUserEventTriggered(event);
    }
}
