package io.memcluster.frontend.request;

import io.memcluster.auth.NamespaceAccess;
import io.memcluster.frontend.net.ConnectionRegistry;
import io.memcluster.frontend.stats.FrontendStats;
import io.memcluster.logging.PerAddressLogLimiter;
import io.memcluster.protocol.Command;
import io.memcluster.protocol.ReplyEncoder;
import io.netty.channel.Channel;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import java.util.ArrayDeque;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.event.Level;

/**
 * The last handler of a client connection: it admits each command through the permission gate,
 * gives it to the connection's {@link CommandExecutor} with the next {@link ReplySlot}, and
 * writes the replies in request order, one flush per read batch, so that a pipeline of N
 * commands costs one write. {@code quit} (and a line that must close the connection) closes
 * it once the replies due before it are out.
 *
 * <p>A refused command gets {@code CLIENT_ERROR permission denied} and counts in
 * {@code auth_denied}; a classic {@code noreply} command stays silent, as for any error.
 */
public final class RequestHandler extends ChannelInboundHandlerAdapter implements ClientConnection {

    private static final Logger log = LoggerFactory.getLogger(RequestHandler.class);
    /** Commands kept behind a holding slot; a client that pipelines more is not a client. */
    static final int MAX_HELD = 10_000;

    private final CommandExecutor.Factory executors;
    private final NamespaceAccess access;
    private final PermissionGate gate;
    private final ConnectionRegistry registry;
    private final PerAddressLogLimiter logLimiter;
    private ConnectionRegistry.Entry registration;
    private CommandExecutor executor;
    private OrderedReplies replies;
    private Channel channel;
    /**
     * Commands that arrived while a slot holds the ones after it. The decoder stops handing over
     * commands then, but a login step replays the commands it held during the login at once.
     */
    private final ArrayDeque<Command> held = new ArrayDeque<>();

    /** @param logLimiter keeps what one address can make this handler log within bounds */
    public RequestHandler(CommandExecutor.Factory executors, NamespaceAccess access, FrontendStats stats,
            ConnectionRegistry registry, PerAddressLogLimiter logLimiter) {
        this.logLimiter = logLimiter;
        this.executors = executors;
        this.access = access;
        this.gate = new PermissionGate(access, stats);
        this.registry = registry;
    }

    @Override
    public void handlerAdded(ChannelHandlerContext ctx) {
        channel = ctx.channel();
        replies = new OrderedReplies(ctx, this::resumeHeld);
        executor = executors.open(this);
    }

    @Override
    public void channelActive(ChannelHandlerContext ctx) {
        registration = registry.register(ctx.channel());
        ctx.fireChannelActive();
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        if (replies.closing()) {
            return;
        }
        replies.reading();
        Command command = (Command) msg;
        if (replies.holding() || !held.isEmpty()) {
            hold(ctx, command);
            return;
        }
        handle(command);
        replies.writeIfLarge();
    }

    private void handle(Command command) {
        if (command instanceof Command.Quit || command instanceof Command.Close) {
            replies.closeWhenDone();
            return;
        }
        Command admitted = gate.admit(command);
        if (admitted != null) {
            executor.execute(admitted, replies.next());
        } else {
            gate.denied(command);
            ReplySlot slot = replies.next();
            if (!command.silentOnError()) {
                slot.out().writeBytes(ReplyEncoder.PERMISSION_DENIED);
            }
            slot.complete();
        }
    }

    private void hold(ChannelHandlerContext ctx, Command command) {
        if (held.size() >= MAX_HELD) {
            log.warn("closing connection from {}: more than {} commands sent behind a user change",
                    ctx.channel().remoteAddress(), MAX_HELD);
            held.clear();
            ctx.close();
            return;
        }
        held.add(command);
    }

    /** A holding slot completed: what waited behind it runs, until another one holds. */
    private void resumeHeld() {
        Command next;
        while (!replies.holding() && !replies.closing() && (next = held.poll()) != null) {
            handle(next);
        }
        if (replies.closing()) {
            held.clear();
        }
        replies.flush();
    }

    @Override
    public void channelReadComplete(ChannelHandlerContext ctx) {
        replies.flush();
        if (registration != null) {
            registry.commandSeen(registration);
        }
        ctx.fireChannelReadComplete();
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) {
        held.clear();
        replies.release();
        executor.closed();
        ctx.fireChannelInactive();
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        // The exception text may quote client bytes (keys): log its type only at WARN. A client
        // that sends plaintext to the TLS port lands here on every try: limited per address.
        logLimiter.log(log, Level.WARN, ctx.channel().remoteAddress(), "closing connection from {} after {}",
                ctx.channel().remoteAddress(), cause.getClass().getName());
        log.debug("connection error", cause);
        ctx.close();
    }

    @Override
    public NamespaceAccess access() {
        return access;
    }

    @Override
    public Channel channel() {
        return channel;
    }

    @Override
    public void closeAfterReplies() {
        replies.closeWhenDone();
    }
}
