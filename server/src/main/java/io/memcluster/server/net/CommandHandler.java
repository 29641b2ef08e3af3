package io.memcluster.server.net;

import io.memcluster.auth.Access;
import io.memcluster.auth.CommandRules;
import io.memcluster.auth.NamespaceAccess;
import io.memcluster.protocol.Ascii;
import io.memcluster.protocol.Command;
import io.memcluster.protocol.StorageVerb;
import io.memcluster.protocol.UserAction;
import io.memcluster.server.stats.ServerStats;
import io.memcluster.server.store.Item;
import io.memcluster.server.store.Outcome;
import io.memcluster.server.store.Result;
import io.memcluster.server.store.StorageMode;
import io.memcluster.server.store.Store;
import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import java.util.ArrayDeque;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Executes one connection's commands against the store and writes memcached's replies. Replies
 * accumulate in one buffer that is flushed once per read batch, so a pipeline of N commands
 * costs one write; the buffer is handed to the channel early when it grows large so that the
 * channel's writability (and with it the decoder's pause) reflects it.
 *
 * <p>Every command is checked against the connection's {@link NamespaceAccess} before it runs
 * (see {@link CommandRules}): a refused one gets {@code CLIENT_ERROR permission denied} and
 * counts in {@code auth_denied}; a multi-key get leaves out the keys that may not be read.
 *
 * <p>A user change ({@code memcluster users add|remove|passwd}) is answered off the event loop;
 * until its reply is written, reading stops and commands already decoded are held, then run in
 * order, so replies stay in request order.
 */
public final class CommandHandler extends ChannelInboundHandlerAdapter {

    private static final Logger log = LoggerFactory.getLogger(CommandHandler.class);
    private static final int EARLY_WRITE_BYTES = 64 * 1024;
    /** Commands held behind a user change; a client that pipelines more is not a client. */
    static final int MAX_HELD = 10_000;

    private final NodeContext node;
    private final Store store;
    private final ServerStats stats;
    private final Result result = new Result();
    private final MetaReplies meta = new MetaReplies();
    private final NamespaceAccess access;
    private ConnectionRegistry.Entry registration;
    private ByteBuf out;
    private boolean closing;
    private boolean awaitingChange;
    private final ArrayDeque<Command> held = new ArrayDeque<>();

    public CommandHandler(NodeContext node, NamespaceAccess access) {
        this.node = node;
        this.access = access;
        this.store = node.store();
        this.stats = node.stats();
    }

    @Override
    public void channelActive(ChannelHandlerContext ctx) {
        registration = node.connections().register(ctx.channel());
        ctx.fireChannelActive();
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        if (closing) {
            return;
        }
        Command command = (Command) msg;
        if (awaitingChange) {
            hold(ctx, command);
            return;
        }
        handle(ctx, command);
    }

    private void handle(ChannelHandlerContext ctx, Command command) {
        if (access.unrestricted() || permitted(command)) {
            execute(ctx, command);
        } else {
            deny(ctx, command);
        }
        if (out != null && out.readableBytes() >= EARLY_WRITE_BYTES) {
            ctx.writeAndFlush(out, ctx.voidPromise());
            out = null;
        }
    }

    private void hold(ChannelHandlerContext ctx, Command command) {
        if (held.size() >= MAX_HELD) {
            log.warn("closing connection from {}: more than {} commands sent behind a user change",
                    ctx.channel().remoteAddress(), MAX_HELD);
            held.clear();
            closing = true;
            ctx.close();
            return;
        }
        held.add(command);
    }

    private void userAdmin(ChannelHandlerContext ctx, Command.UserAdmin c) {
        if (node.users() == null) {
            out(ctx).writeBytes(UserAdminCommand.refuseWithoutAuth(c));
        } else if (c.action() == UserAction.LIST) {
            out(ctx).writeBytes(UserAdminCommand.list(node.users()));
        } else {
            awaitingChange = true;
            ctx.channel().config().setAutoRead(false);
            UserAdminCommand.change(node.users(), c, access.username()).whenComplete((reply, error) ->
                    ctx.executor().execute(() -> changed(ctx, reply, error)));
        }
    }

    /** On the event loop: writes the change's reply, then runs what was held behind it. */
    private void changed(ChannelHandlerContext ctx, byte[] reply, Throwable error) {
        awaitingChange = false;
        if (!ctx.channel().isActive() || closing) {
            held.clear();
            return;
        }
        if (error != null) {
            log.warn("user change failed with {}", error.getClass().getName());
            Replies.line(out(ctx), "SERVER_ERROR user change failed");
        } else {
            out(ctx).writeBytes(reply);
        }
        Command next;
        while (!awaitingChange && !closing && (next = held.poll()) != null) {
            handle(ctx, next);
        }
        flush(ctx);
        if (!awaitingChange) {
            ctx.channel().config().setAutoRead(true);
        }
    }

    @Override
    public void channelReadComplete(ChannelHandlerContext ctx) {
        flush(ctx);
        if (registration != null) {
            node.connections().commandSeen(registration);
        }
        ctx.fireChannelReadComplete();
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) {
        held.clear();
        if (out != null) {
            out.release();
            out = null;
        }
        ctx.fireChannelInactive();
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        // The exception text may quote client bytes (keys): log its type only at WARN.
        log.warn("closing connection from {} after {}", ctx.channel().remoteAddress(), cause.getClass().getName());
        log.debug("connection error", cause);
        ctx.close();
    }

    private void flush(ChannelHandlerContext ctx) {
        if (out != null && out.isReadable()) {
            ctx.writeAndFlush(out, ctx.voidPromise());
            out = null;
        }
    }

    private ByteBuf out(ChannelHandlerContext ctx) {
        if (out == null) {
            out = ctx.alloc().ioBuffer(1024);
        }
        return out;
    }

    private boolean permitted(Command command) {
        switch (CommandRules.rule(command)) {
            case ADMIN:
                return access.isAdmin();
            case KEYS:
                if (command instanceof Command.Retrieval c) {
                    // some readable key is enough; retrieval() leaves out the others
                    for (byte[] key : c.keys()) {
                        if (keyPermitted(key, c)) {
                            return true;
                        }
                    }
                    return false;
                }
                return keyPermitted(keyOf(command), command);
            default:
                // a user removed while connected may do nothing at all
                return access.authenticated();
        }
    }

    private boolean keyPermitted(byte[] key, Command command) {
        Access needed = CommandRules.access(command);
        // gat reads and writes: write includes read, but asking for both says what is meant
        return access.may(key, needed) && (needed == Access.READ || access.may(key, Access.READ));
    }

    private static byte[] keyOf(Command command) {
        if (command instanceof Command.Storage c) {
            return c.key();
        } else if (command instanceof Command.MetaGet c) {
            return c.key();
        } else if (command instanceof Command.MetaSet c) {
            return c.key();
        } else if (command instanceof Command.Delete c) {
            return c.key();
        } else if (command instanceof Command.Arithmetic c) {
            return c.key();
        } else if (command instanceof Command.Touch c) {
            return c.key();
        } else if (command instanceof Command.MetaDelete c) {
            return c.key();
        } else if (command instanceof Command.MetaArithmetic c) {
            return c.key();
        } else if (command instanceof Command.MetaDebug c) {
            return c.key();
        } else if (command instanceof Command.TooLarge c) {
            return c.key();
        }
        throw new IllegalStateException("no key in " + command.getClass().getSimpleName());
    }

    private void deny(ChannelHandlerContext ctx, Command command) {
        stats.authDenied.increment();
        if (command instanceof Command.UserAdmin c) {
            c.wipePassword();
        }
        // as for any other error: a classic noreply command stays silent, a meta command answers
        if (!silent(command)) {
            out(ctx).writeBytes(Replies.PERMISSION_DENIED);
        }
    }

    private static boolean silent(Command command) {
        if (command instanceof Command.Storage c) {
            return c.noreply();
        } else if (command instanceof Command.Delete c) {
            return c.noreply();
        } else if (command instanceof Command.Arithmetic c) {
            return c.noreply();
        } else if (command instanceof Command.Touch c) {
            return c.noreply();
        } else if (command instanceof Command.FlushAll c) {
            return c.noreply();
        } else if (command instanceof Command.Verbosity c) {
            return c.noreply();
        } else if (command instanceof Command.CacheMemlimit c) {
            return c.noreply();
        } else if (command instanceof Command.TooLarge c) {
            return c.noreply() && !c.meta();
        }
        return false;
    }

    private void execute(ChannelHandlerContext ctx, Command command) {
        // Ordered by how often each command arrives in a typical cache workload.
        if (command instanceof Command.Retrieval c) {
            retrieval(ctx, c);
        } else if (command instanceof Command.Storage c) {
            storage(ctx, c);
        } else if (command instanceof Command.MetaGet c) {
            meta.get(store, stats, result, c, out(ctx));
        } else if (command instanceof Command.MetaSet c) {
            meta.set(store, stats, result, c, out(ctx));
        } else if (command instanceof Command.Delete c) {
            delete(ctx, c);
        } else if (command instanceof Command.Arithmetic c) {
            arithmetic(ctx, c);
        } else if (command instanceof Command.Touch c) {
            touch(ctx, c);
        } else if (command instanceof Command.MetaDelete c) {
            meta.delete(store, stats, result, c, out(ctx));
        } else if (command instanceof Command.MetaArithmetic c) {
            meta.arithmetic(store, stats, result, c, out(ctx));
        } else if (command instanceof Command.MetaDebug c) {
            meta.debug(store, c, out(ctx));
        } else if (command instanceof Command.MetaNoop) {
            line(ctx, "MN");
        } else if (command instanceof Command.Invalid c) {
            reply(ctx, c.noreply(), c.reply());
        } else if (command instanceof Command.FlushAll c) {
            stats.cmdFlush.increment();
            store.flushAll(c.delay());
            reply(ctx, c.noreply(), "OK");
        } else if (command instanceof Command.Stats c) {
            StatsCommand.run(node, c.args(), access, out(ctx));
        } else if (command instanceof Command.Version) {
            line(ctx, "VERSION " + node.version());
        } else if (command instanceof Command.Verbosity c) {
            reply(ctx, c.noreply(), "OK");
        } else if (command instanceof Command.CacheMemlimit c) {
            memlimit(ctx, c);
        } else if (command instanceof Command.Shutdown c) {
            shutdown(ctx, c);
        } else if (command instanceof Command.LruCrawler c) {
            LruCrawlerCommand.run(store, c.args(), access, out(ctx));
        } else if (command instanceof Command.TooLarge c) {
            tooLarge(ctx, c);
        } else if (command instanceof Command.UserAdmin c) {
            userAdmin(ctx, c);
        } else if (command instanceof Command.Quit || command instanceof Command.Close) {
            close(ctx);
        } else {
            throw new IllegalStateException("unhandled command type " + command.getClass().getSimpleName());
        }
    }

    private void retrieval(ChannelHandlerContext ctx, Command.Retrieval c) {
        ByteBuf buf = out(ctx);
        boolean check = !access.unrestricted();
        boolean filtered = false;
        for (byte[] key : c.keys()) {
            if (check && !keyPermitted(key, c)) {
                // left out as if missing: the client learns nothing about a namespace it may not read
                filtered = true;
                continue;
            }
            Item it;
            if (c.touch()) {
                stats.cmdTouch.increment();
                it = store.touch(key, c.exptime());
                (it != null ? stats.touchHits : stats.touchMisses).increment();
            } else {
                stats.cmdGet.increment();
                it = store.get(key);
                (it != null ? stats.getHits : stats.getMisses).increment();
            }
            if (it != null) {
                writeValue(buf, it, c.withCas());
            }
        }
        if (filtered) {
            stats.authDenied.increment();
        }
        buf.writeBytes(Replies.END);
    }

    private static void writeValue(ByteBuf buf, Item it, boolean withCas) {
        buf.writeBytes(Replies.VALUE);
        buf.writeBytes(it.data(), 0, it.keyLength());
        buf.writeByte(' ');
        Ascii.writeUnsigned32(buf, it.flags());
        buf.writeByte(' ');
        Ascii.writeUnsigned(buf, it.valueLength());
        if (withCas) {
            buf.writeByte(' ');
            Ascii.writeUnsigned(buf, it.cas());
        }
        buf.writeShort(Replies.CRLF);
        buf.writeBytes(it.data(), it.valueOffset(), it.valueLength());
        buf.writeShort(Replies.CRLF);
    }

    private void storage(ChannelHandlerContext ctx, Command.Storage c) {
        stats.cmdSet.increment();
        StorageMode mode = StorageMode.valueOf(c.verb().name());
        Outcome outcome = store.store(mode, c.key(), c.flags(), c.exptime(), c.data(), c.cas(), 0, false, false,
                Store.NO_TTL, result);
        if (c.verb() == StorageVerb.CAS) {
            countCas(stats, outcome);
        }
        if (outcome == Outcome.NO_MEMORY) {
            stats.storeNoMemory.increment();
        }
        if (!c.noreply()) {
            out(ctx).writeBytes(Replies.storage(outcome));
        }
    }

    static void countCas(ServerStats stats, Outcome outcome) {
        switch (outcome) {
            case STORED -> stats.casHits.increment();
            case EXISTS -> stats.casBadval.increment();
            case NOT_FOUND -> stats.casMisses.increment();
            default -> { }
        }
    }

    private void delete(ChannelHandlerContext ctx, Command.Delete c) {
        Outcome outcome = store.delete(c.key());
        boolean hit = outcome == Outcome.DELETED;
        (hit ? stats.deleteHits : stats.deleteMisses).increment();
        if (!c.noreply()) {
            out(ctx).writeBytes(hit ? Replies.DELETED : Replies.NOT_FOUND);
        }
    }

    private void arithmetic(ChannelHandlerContext ctx, Command.Arithmetic c) {
        Outcome outcome = store.arithmetic(c.key(), c.increment(), c.delta(), 0, 0, Store.NO_TTL, 0,
                Store.NO_TTL, result);
        switch (outcome) {
            case STORED -> {
                (c.increment() ? stats.incrHits : stats.decrHits).increment();
                if (!c.noreply()) {
                    ByteBuf buf = out(ctx);
                    Ascii.writeUnsigned(buf, result.number);
                    buf.writeShort(Replies.CRLF);
                }
            }
            case NOT_FOUND -> {
                (c.increment() ? stats.incrMisses : stats.decrMisses).increment();
                reply(ctx, c.noreply(), "NOT_FOUND");
            }
            case NON_NUMERIC -> reply(ctx, c.noreply(), Replies.NON_NUMERIC);
            default -> reply(ctx, c.noreply(), "SERVER_ERROR out of memory");
        }
    }

    private void touch(ChannelHandlerContext ctx, Command.Touch c) {
        stats.cmdTouch.increment();
        Item it = store.touch(c.key(), c.exptime());
        (it != null ? stats.touchHits : stats.touchMisses).increment();
        if (!c.noreply()) {
            out(ctx).writeBytes(it != null ? Replies.TOUCHED : Replies.NOT_FOUND);
        }
    }

    private void memlimit(ChannelHandlerContext ctx, Command.CacheMemlimit c) {
        if (c.megabytes() < 8) {
            reply(ctx, c.noreply(), "MEMLIMIT_TOO_SMALL cannot set maxbytes to less than 8m");
        } else if (c.megabytes() > 1_000_000_000L) {
            reply(ctx, c.noreply(), "MEMLIMIT_ADJUST_FAILED input value is megabytes not bytes");
        } else {
            store.setMemoryLimit(c.megabytes() * 1024 * 1024);
            reply(ctx, c.noreply(), "OK");
        }
    }

    private void shutdown(ChannelHandlerContext ctx, Command.Shutdown c) {
        if (!node.shutdownEnabled()) {
            line(ctx, "ERROR: shutdown not enabled");
        } else if (!c.validMode()) {
            line(ctx, "CLIENT_ERROR invalid shutdown mode");
        } else {
            log.info("shutdown requested by {}", ctx.channel().remoteAddress());
            close(ctx);
            node.shutdown().run();
        }
    }

    private void tooLarge(ChannelHandlerContext ctx, Command.TooLarge c) {
        stats.cmdSet.increment();
        stats.storeTooLarge.increment();
        if (c.meta() || c.verb() == StorageVerb.SET) {
            // as memcached: a refused set must not leave the previous value readable
            store.delete(c.key());
        }
        reply(ctx, c.noreply() && !c.meta(), "SERVER_ERROR object too large for cache");
    }

    private void close(ChannelHandlerContext ctx) {
        closing = true;
        if (out != null && out.isReadable()) {
            ctx.writeAndFlush(out).addListener(ChannelFutureListener.CLOSE);
            out = null;
        } else {
            ctx.close();
        }
    }

    private void reply(ChannelHandlerContext ctx, boolean noreply, String line) {
        if (!noreply) {
            line(ctx, line);
        }
    }

    private void line(ChannelHandlerContext ctx, String line) {
        Replies.line(out(ctx), line);
    }
}
