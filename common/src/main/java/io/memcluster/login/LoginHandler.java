package io.memcluster.login;

import io.memcluster.auth.AuthResult;
import io.memcluster.auth.NamespaceAccess;
import io.memcluster.auth.User;
import io.memcluster.logging.PerAddressLogLimiter;
import io.memcluster.protocol.Command;
import io.memcluster.protocol.StorageVerb;
import io.memcluster.protocol.TextCommandDecoder;
import io.memcluster.tls.PeerIdentity;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.handler.ssl.SslHandler;
import io.netty.handler.ssl.SslHandshakeCompletionEvent;
import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.time.Duration;
import java.util.Arrays;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ScheduledFuture;
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
 * <p>A connection has {@link PendingLogins#deadline()} from its start to log in, and is closed
 * then if it has not; it counts among the {@link PendingLogins} until it has.
 *
 * <p>Until then the decoder holds the connection to what a login needs: a storage command
 * whose item would be larger than {@link #MAX_LOGIN_ITEM_SIZE} is refused at its command line
 * and its data swallowed as it comes, never buffered, and a line may wait for its newline no
 * longer than {@link TextCommandDecoder#LOGIN_LINE_LENGTH} bytes, get lines included. So a
 * connection that has not logged in holds a few kilobytes, not an item of max_item_size.
 *
 * <p>Replies stay in request order: while a password is checked (on a login thread), reading stops and the decoder is suspended, so that the commands
 * after a login are decoded only once its outcome is known, under the limits that outcome
 * sets. On a TLS connection decoding starts only at the end of the handshake, once it is known
 * whether a client certificate logged the connection in.
 */
public final class LoginHandler extends ChannelInboundHandlerAdapter {

    private static final Logger log = LoggerFactory.getLogger(LoginHandler.class);

    /**
     * The largest item (key, data and memcached's 59-byte header, as max_item_size counts) a
     * connection may send before it has logged in: room for any username, a password of the
     * 1024 bytes user administration allows, or a token, with a 250-byte key.
     */
    public static final int MAX_LOGIN_ITEM_SIZE = 4096;

    private final LoginService service;
    private final NamespaceAccess access;
    private final boolean tls;
    private final PerAddressLogLimiter logLimiter;
    private TextCommandDecoder decoder;
    private boolean closing;
    private boolean wrote;
    private ScheduledFuture<?> deadline;

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
    public void handlerAdded(ChannelHandlerContext ctx) {
        decoder = ctx.pipeline().get(TextCommandDecoder.class);
        if (decoder == null) {
            throw new IllegalStateException("the login step needs a TextCommandDecoder before it");
        }
        decoder.restrict(MAX_LOGIN_ITEM_SIZE);
        if (ctx.pipeline().get(SslHandler.class) != null) {
            // a command sent with the client's last handshake flight waits for the certificate's verdict
            decoder.suspend();
        }
    }

    @Override
    public void channelActive(ChannelHandlerContext ctx) {
        // from the connection, not the handshake: one that never starts its handshake is closed too
        service.pending().admit(ctx.channel());
        Duration timeout = service.pending().deadline();
        if (!timeout.isZero()) {
            deadline = ctx.executor().schedule(() -> {
                if (!access.authenticated()) {
                    log.debug("closing a connection from {}: not logged in within {}", ctx.channel().remoteAddress(),
                            timeout);
                    ctx.close();
                }
            }, timeout.toMillis(), TimeUnit.MILLISECONDS);
        }
        ctx.fireChannelActive();
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        if (closing) {
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
        ctx.fireUserEventTriggered(event);
        if (event instanceof SslHandshakeCompletionEvent handshake && handshake.isSuccess()) {
            if (!access.authenticated() && certificateLogin(ctx)) {
                stepAside(ctx);
            }
            decoder.resume();
        }
    }

    /** Logs in the user a verified client certificate names, at the end of the handshake. */
    private boolean certificateLogin(ChannelHandlerContext ctx) {
        SslHandler ssl = ctx.pipeline().get(SslHandler.class);
        Optional<String> name = PeerIdentity.commonName(ssl.engine().getSession());
        if (name.isEmpty()) {
            return false;
        }
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
        if (access.authenticated()) {
            ctx.fireChannelRead(msg);
        } else if (msg instanceof Command.Storage set && set.verb() == StorageVerb.SET) {
            login(ctx, set.data());
        } else if (msg instanceof Command.TooLarge tooLarge && tooLarge.verb() == StorageVerb.SET
                && !tooLarge.meta()) {
            reply(ctx, LoginReplies.TOO_LARGE);
        } else if (msg instanceof Command.Quit || msg instanceof Command.Close) {
            closing = true; // nothing after this is answered
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
        String username = credentials.username();
        CompletableFuture<LoginOutcome> attempt = service.attempt(address, username, credentials.secret());
        if (attempt.isDone() && !attempt.isCompletedExceptionally()) {
            // a token, or refused unchecked: decided on this loop, in order, without pausing
            concluded(ctx, username, attempt.join(), null);
            return;
        }
        pause(ctx);
        // completes on a login thread; what it decides is done on the connection's event loop
        attempt.whenComplete((outcome, error) -> ctx.executor().execute(() -> {
            if (ctx.channel().isActive()) {
                concluded(ctx, username, outcome, error);
                resume(ctx);
            }
        }));
    }

    private void concluded(ChannelHandlerContext ctx, String username, LoginOutcome outcome, Throwable error) {
        if (outcome instanceof LoginOutcome.Checked checked && checked.result() instanceof AuthResult.Success success) {
            access.grant(success.user());
            log.info("user '{}' logged in from {}", username, ctx.channel().remoteAddress());
            reply(ctx, LoginReplies.STORED);
            stepAside(ctx);
            return;
        }
        if (outcome instanceof LoginOutcome.Busy) {
            reply(ctx, LoginReplies.BUSY);
            return;
        }
        service.counters().failures().increment();
        if (outcome instanceof LoginOutcome.Throttled throttled) {
            // Refused unchecked, so that guessing faster than the throttle allows gains nothing;
            // said distinctly, so that the owner of the right password knows why and when.
            log.debug("login refused unchecked for a connection from {}: too many failed logins",
                    ctx.channel().remoteAddress());
            reply(ctx, LoginReplies.throttled(throttled.retryAfter()));
        } else if (outcome instanceof LoginOutcome.Checked checked) {
            // The username may be a mistyped password: it is not logged for failures.
            logLimiter.log(log, Level.INFO, ctx.channel().remoteAddress(),
                    "login refused for a connection from {} ({})", ctx.channel().remoteAddress(),
                    ((AuthResult.Failure) checked.result()).reason());
            reply(ctx, LoginReplies.FAILURE);
        } else {
            logLimiter.log(log, Level.WARN, ctx.channel().remoteAddress(),
                    "login check failed with {} for a connection from {}",
                    error == null ? "no outcome" : error.getClass().getName(), ctx.channel().remoteAddress());
            reply(ctx, LoginReplies.FAILURE);
        }
    }

    /** Stops reading and decoding until {@link #resume}: the login's outcome decides what follows. */
    private void pause(ChannelHandlerContext ctx) {
        ctx.channel().config().setAutoRead(false);
        decoder.suspend();
    }

    /** Decodes what arrived meanwhile, on this handler (or, logged in, past it), and reads on. */
    private void resume(ChannelHandlerContext ctx) {
        flushIfWritten(ctx);
        ctx.channel().config().setAutoRead(true);
        decoder.resume();
    }

    /**
     * Leaves the pipeline to the command handler, the decoder's full limits restored: a
     * logged-in connection pays nothing for the login step.
     */
    private void stepAside(ChannelHandlerContext ctx) {
        service.pending().leave(ctx.channel());
        if (deadline != null) {
            deadline.cancel(false);
        }
        decoder.unrestrict();
        // replies written but not flushed would otherwise wait for the next read-complete, which
        // this handler will no longer see
        flushIfWritten(ctx);
        ctx.pipeline().remove(this);
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
