package io.memcluster.login;

import io.memcluster.auth.AuthResult;
import io.memcluster.auth.NamespaceAccess;
import io.memcluster.auth.User;
import io.memcluster.logging.PerAddressLogLimiter;
import io.memcluster.protocol.Command;
import io.memcluster.protocol.StorageVerb;
import io.memcluster.tls.PeerIdentity;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.handler.ssl.SslHandler;
import io.netty.handler.ssl.SslHandshakeCompletionEvent;
import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Arrays;
import java.util.Optional;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.event.Level;

/**
 * Stands between the decoder and the command handler until the connection has logged in, then
 * removes itself, so that a logged-in connection pays nothing for it.
 *
 * <p>Before that, a {@code set} is a login attempt whose data is {@code <username> <password>}
 * (memcached's convention; the key, flags and exptime are ignored), and every other command gets
 * {@code CLIENT_ERROR unauthenticated}. A TLS handshake that presents a certificate of the
 * cluster CA whose CN names a user logs the connection in at once.
 *
 * <p>Replies stay in request order: while a password is checked (on the login pool) or a
 * throttled refusal waits, reading stops and the commands already decoded are held, then
 * handled in order once the reply is written.
 */
public final class LoginHandler extends ChannelInboundHandlerAdapter {

    private static final Logger log = LoggerFactory.getLogger(LoginHandler.class);

    /** Commands held while a login is in flight; a client that pipelines more is not a client. */
    static final int MAX_HELD = 10_000;

    private final LoginService service;
    private final NamespaceAccess access;
    private final boolean tls;
    private final PerAddressLogLimiter logLimiter;
    private final ArrayDeque<Object> held = new ArrayDeque<>();
    private boolean busy;
    private boolean wrote;
    private boolean certificateKnown;

    /**
     * @param access the connection's access, which this handler grants on login
     * @param tls    whether the connection is encrypted; without TLS a password login is accepted
     *               only from loopback
     * @param logLimiter what a client that has not logged in may make the server log: a few lines
     *               of each kind a minute per address, however often it tries
     */
    public LoginHandler(LoginService service, NamespaceAccess access, boolean tls, PerAddressLogLimiter logLimiter) {
        this.service = service;
        this.access = access;
        this.tls = tls;
        this.logLimiter = logLimiter;
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        if (busy) {
            if (held.size() >= MAX_HELD) {
                logLimiter.log(log, Level.WARN, ctx.channel().remoteAddress(),
                        "closing connection from {}: more than {} commands sent during a login",
                        ctx.channel().remoteAddress(), MAX_HELD);
                ctx.close();
                return;
            }
            held.add(msg);
            return;
        }
        handle(ctx, msg);
    }

    @Override
    public void channelReadComplete(ChannelHandlerContext ctx) {
        flushIfWritten(ctx);
        ctx.fireChannelReadComplete();
    }

    @Override
    public void userEventTriggered(ChannelHandlerContext ctx, Object event) {
        if (event instanceof SslHandshakeCompletionEvent handshake && handshake.isSuccess()
                && !access.authenticated() && certificateLogin(ctx)) {
            ctx.fireUserEventTriggered(event);
            stepAside(ctx);
            return;
        }
        ctx.fireUserEventTriggered(event);
    }

    /**
     * Logs in the user a verified client certificate names. Tried at the handshake's end and
     * again at each command until it is known: a client may send its first command in the same
     * flight as its certificate, and that command can then be decoded before the handshake's
     * end is announced.
     */
    private boolean certificateLogin(ChannelHandlerContext ctx) {
        if (certificateKnown) {
            return false;
        }
        SslHandler ssl = ctx.pipeline().get(SslHandler.class);
        if (ssl == null) {
            certificateKnown = true;
            return false;
        }
        Optional<String> name = PeerIdentity.commonName(ssl.engine().getSession());
        if (name.isEmpty()) {
            // no certificate yet: final only once the handshake is over
            certificateKnown = ssl.handshakeFuture().isDone();
            return false;
        }
        certificateKnown = true;
        Optional<User> user = name.flatMap(service.users()::find);
        if (user.isEmpty()) {
            log.debug("client certificate CN is no user; {} must log in", ctx.channel().remoteAddress());
            return false;
        }
        access.grant(user.get());
        log.info("user '{}' logged in with a client certificate from {}", user.get().username(),
                ctx.channel().remoteAddress());
        return true;
    }

    private void handle(ChannelHandlerContext ctx, Object msg) {
        if (access.authenticated() || (tls && certificateLogin(ctx))) {
            ctx.fireChannelRead(msg);
        } else if (msg instanceof Command.Storage set && set.verb() == StorageVerb.SET) {
            login(ctx, set.data());
        } else if (msg instanceof Command.TooLarge tooLarge && tooLarge.verb() == StorageVerb.SET) {
            reply(ctx, LoginReplies.FAILURE);
        } else if (msg instanceof Command.Quit || msg instanceof Command.Close) {
            busy = true; // nothing after this is answered
            ctx.writeAndFlush(LoginReplies.buffer(new byte[0])).addListener(ChannelFutureListener.CLOSE);
        } else {
            reply(ctx, LoginReplies.UNAUTHENTICATED);
        }
    }

    private void login(ChannelHandlerContext ctx, byte[] data) {
        Credentials credentials = Credentials.parse(data);
        // The data held a password: it is not kept any longer than needed.
        Arrays.fill(data, (byte) 0);
        if (credentials == null) {
            reply(ctx, LoginReplies.BAD_FORMAT);
            return;
        }
        if (!tls && !isLoopback(ctx.channel().remoteAddress())) {
            service.counters().failures().increment();
            logLimiter.log(log, Level.WARN, ctx.channel().remoteAddress(),
                    "refused a password login over plaintext from {}: allowed only from loopback",
                    ctx.channel().remoteAddress());
            reply(ctx, LoginReplies.NEEDS_TLS);
            return;
        }
        service.counters().attempts().increment();
        String address = host(ctx.channel().remoteAddress());
        Duration wait = service.throttle().waitFor(address);
        pause(ctx);
        if (!wait.isZero()) {
            // Refused unchecked, so that guessing faster than the throttle allows gains nothing.
            service.counters().failures().increment();
            ctx.executor().schedule(() -> refuse(ctx), wait.toMillis(), TimeUnit.MILLISECONDS);
            return;
        }
        try {
            service.verify(credentials.username(), credentials.secret()).whenComplete((result, error) ->
                    ctx.executor().execute(() -> verified(ctx, address, credentials.username(), result, error)));
        } catch (RejectedExecutionException e) {
            reply(ctx, LoginReplies.BUSY);
            resume(ctx);
        }
    }

    private void verified(ChannelHandlerContext ctx, String address, String username, AuthResult result,
            Throwable error) {
        if (!ctx.channel().isActive()) {
            held.clear();
            return;
        }
        if (result instanceof AuthResult.Success success) {
            service.throttle().recordSuccess(address);
            access.grant(success.user());
            log.info("user '{}' logged in from {}", username, ctx.channel().remoteAddress());
            reply(ctx, LoginReplies.STORED);
            resume(ctx);
            return;
        }
        service.counters().failures().increment();
        service.throttle().recordFailure(address);
        if (error != null) {
            logLimiter.log(log, Level.WARN, ctx.channel().remoteAddress(),
                    "login check failed with {} for a connection from {}", error.getClass().getName(),
                    ctx.channel().remoteAddress());
        } else {
            // The username may be a mistyped password: it is not logged for failures.
            logLimiter.log(log, Level.INFO, ctx.channel().remoteAddress(),
                    "login refused for a connection from {} ({})", ctx.channel().remoteAddress(),
                    ((AuthResult.Failure) result).reason());
        }
        Duration delay = service.throttle().waitFor(address);
        if (delay.isZero()) {
            refuse(ctx);
        } else {
            ctx.executor().schedule(() -> refuse(ctx), delay.toMillis(), TimeUnit.MILLISECONDS);
        }
    }

    private void refuse(ChannelHandlerContext ctx) {
        if (!ctx.channel().isActive()) {
            held.clear();
            return;
        }
        reply(ctx, LoginReplies.FAILURE);
        resume(ctx);
    }

    private void pause(ChannelHandlerContext ctx) {
        busy = true;
        ctx.channel().config().setAutoRead(false);
    }

    /** Handles what was held, in order, until it is all done or another login is in flight. */
    private void resume(ChannelHandlerContext ctx) {
        busy = false;
        Object next;
        while (!busy && (next = held.poll()) != null) {
            handle(ctx, next);
        }
        flushIfWritten(ctx);
        if (busy) {
            return;
        }
        if (access.authenticated()) {
            // The command handler flushes its replies on read-complete.
            ctx.fireChannelReadComplete();
            stepAside(ctx);
        }
        ctx.channel().config().setAutoRead(true);
    }

    private void stepAside(ChannelHandlerContext ctx) {
        if (!busy && held.isEmpty() && ctx.pipeline().context(this) != null) {
            // replies written but not flushed would otherwise wait for the next read-complete, which
            // this handler will no longer see
            flushIfWritten(ctx);
            ctx.pipeline().remove(this);
        }
    }

    private void reply(ChannelHandlerContext ctx, byte[] reply) {
        ctx.write(LoginReplies.buffer(reply), ctx.voidPromise());
        wrote = true;
    }

    private void flushIfWritten(ChannelHandlerContext ctx) {
        if (wrote) {
            wrote = false;
            ctx.flush();
        }
    }

    private static boolean isLoopback(SocketAddress address) {
        return address instanceof InetSocketAddress inet && inet.getAddress() != null
                && inet.getAddress().isLoopbackAddress();
    }

    /** The address without the port: a new connection gets a new port, the throttle must not care. */
    private static String host(SocketAddress address) {
        if (address instanceof InetSocketAddress inet && inet.getAddress() != null) {
            return inet.getAddress().getHostAddress();
        }
        return String.valueOf(address);
    }
}
