package io.memcluster.server.command;

import io.memcluster.frontend.request.ClientConnection;
import io.memcluster.frontend.request.CommandExecutor;
import io.memcluster.frontend.request.ReplySlot;
import io.memcluster.frontend.security.UserAdminCommand;
import io.memcluster.protocol.Command;
import io.memcluster.protocol.ReplyEncoder;
import io.memcluster.protocol.StorageVerb;
import io.memcluster.server.stats.CommandStats;
import io.memcluster.server.store.Item;
import io.memcluster.server.store.Outcome;
import io.memcluster.server.store.Result;
import io.memcluster.server.store.Store;
import io.netty.buffer.ByteBuf;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Executes one connection's commands against the store and writes memcached's replies, all at
 * once on the event loop, except a user change ({@code memcluster users add|remove|passwd}; see
 * {@link UserAdminCommand}), answered once users.json is written, and a metadump, streamed as
 * the client reads it (see {@link LruCrawlerCommand}).
 */
public final class NodeExecutor implements CommandExecutor {

    private static final Logger log = LoggerFactory.getLogger(NodeExecutor.class);

    private final NodeContext node;
    private final ClientConnection connection;
    private final Store store;
    private final CommandStats stats;
    /** Per-connection scratch for what a store operation found: the hot path allocates no results. */
    private final Result result = new Result();
    private final MetaReplies meta = new MetaReplies();
    private final Retrieval retrieval;

    NodeExecutor(NodeContext node, ClientConnection connection) {
        this.node = node;
        this.connection = connection;
        this.store = node.store();
        this.stats = node.stats();
        this.retrieval = new Retrieval(store, stats);
    }

    /** The executors of a node's connections. */
    public static CommandExecutor.Factory factory(NodeContext node) {
        return connection -> new NodeExecutor(node, connection);
    }

    @Override
    public void execute(Command command, ReplySlot slot) {
        if (command instanceof Command.UserAdmin c) {
            UserAdminCommand.execute(node.users(), c, slot, connection);
            return;
        }
        if (command instanceof Command.Retrieval c) {
            // a reply that grows large streams as the client reads: it completes its slot itself
            retrieval(c, slot);
            return;
        }
        if (command instanceof Command.Snapshot c) {
            // answered once the files are on disk, from the snapshot thread
            SnapshotCommand.run(node, c, slot, connection);
            return;
        }
        if (command instanceof Command.DigestKeys c) {
            // a listing that may be long streams as the client reads: it completes its slot itself
            slot.stream(new DigestKeysListing(store, store.namespace(c.namespace()), c.segments()));
            return;
        }
        if (command instanceof Command.LruCrawler c) {
            // a metadump streams as the client reads: it completes its slot itself
            LruCrawlerCommand.run(node, c.args(), connection.access(), slot);
            return;
        }
        run(command, slot.out());
        slot.complete();
    }

    private void run(Command command, ByteBuf out) {
        // Ordered by how often each command arrives in a typical cache workload (get: see execute).
        if (command instanceof Command.Storage c) {
            storage(c, out);
        } else if (command instanceof Command.MetaGet c) {
            meta.get(store, stats, result, c, out);
        } else if (command instanceof Command.MetaSet c) {
            meta.set(store, stats, result, c, out);
        } else if (command instanceof Command.Delete c) {
            delete(c, out);
        } else if (command instanceof Command.Arithmetic c) {
            arithmetic(c, out);
        } else if (command instanceof Command.Touch c) {
            touch(c, out);
        } else if (command instanceof Command.MetaDelete c) {
            meta.delete(store, stats, result, c, out);
        } else if (command instanceof Command.MetaArithmetic c) {
            meta.arithmetic(store, stats, result, c, out);
        } else if (command instanceof Command.MetaDebug c) {
            meta.debug(store, c, out);
        } else if (command instanceof Command.MetaNoop) {
            ReplyEncoder.line(out, "MN");
        } else if (command instanceof Command.Invalid c) {
            reply(out, c.noreply(), c.reply());
        } else if (command instanceof Command.FlushAll c) {
            stats.cmdFlush.increment();
            store.flushAll(c.delay());
            if (c.delay() <= 0) {
                node.snapshots().forget(null);
            }
            reply(out, c.noreply(), "OK");
        } else if (command instanceof Command.FlushNamespace c) {
            store.flushNamespace(c.namespace());
            // its file goes too (after any snapshot running now), so that a restart does not bring it back
            node.snapshots().forget(c.namespace());
            reply(out, c.noreply(), "OK");
        } else if (command instanceof Command.Digest c) {
            DigestReport.write(store, c.namespace(), out);
        } else if (command instanceof Command.Stats c) {
            StatsCommand.run(node, c.args(), connection.access(), out);
        } else if (command instanceof Command.Version) {
            ReplyEncoder.line(out, "VERSION " + node.version());
        } else if (command instanceof Command.Verbosity c) {
            reply(out, c.noreply(), "OK");
        } else if (command instanceof Command.CacheMemlimit c) {
            memlimit(c, out);
        } else if (command instanceof Command.Shutdown c) {
            shutdown(c, out);
        } else if (command instanceof Command.TooLarge c) {
            tooLarge(c, out);
        } else {
            throw new IllegalStateException("unhandled command type " + command.getClass().getSimpleName());
        }
    }

    /**
     * get, gets, gat and gats. A reply that would pass {@link Retrieval#STREAM_ABOVE} bytes goes on
     * as a stream from the key that would pass it (see {@link Retrieval}): a line naming one large
     * value a thousand times costs a couple of buffers, not a thousand copies.
     */
    private void retrieval(Command.Retrieval c, ReplySlot slot) {
        ByteBuf out = slot.out();
        int start = out.writerIndex();
        byte[][] keys = c.keys();
        for (int i = 0; i < keys.length; i++) {
            Item it = retrieval.lookUp(c, keys[i]);
            if (it == null) {
                continue;
            }
            if (out.writerIndex() - start + it.valueLength() > Retrieval.STREAM_ABOVE) {
                slot.stream(retrieval.streamFrom(c, i, it));
                return;
            }
            ReplyEncoder.value(out, it.data(), 0, it.keyLength(), it.flags(), it.data(), it.valueOffset(),
                    it.valueLength(), c.withCas(), it.cas());
        }
        out.writeBytes(ReplyEncoder.END);
        slot.complete();
    }

    private void storage(Command.Storage c, ByteBuf out) {
        stats.cmdSet.increment();
        Outcome outcome = store.store(c.verb(), c.key(), c.flags(), c.exptime(), c.data(), c.cas(), 0, false, false,
                Store.NO_TTL, result);
        if (c.verb() == StorageVerb.CAS) {
            countCas(stats, outcome);
        }
        if (outcome == Outcome.NO_MEMORY) {
            stats.storeNoMemory.increment();
        }
        if (!c.noreply()) {
            out.writeBytes(storageReply(outcome));
        }
    }

    static byte[] storageReply(Outcome outcome) {
        return switch (outcome) {
            case STORED -> ReplyEncoder.STORED;
            case NOT_STORED -> ReplyEncoder.NOT_STORED;
            case EXISTS -> ReplyEncoder.EXISTS;
            case NOT_FOUND -> ReplyEncoder.NOT_FOUND;
            default -> ReplyEncoder.OUT_OF_MEMORY;
        };
    }

    static void countCas(CommandStats stats, Outcome outcome) {
        switch (outcome) {
            case STORED -> stats.casHits.increment();
            case EXISTS -> stats.casBadval.increment();
            case NOT_FOUND -> stats.casMisses.increment();
            default -> { }
        }
    }

    private void delete(Command.Delete c, ByteBuf out) {
        Outcome outcome = store.delete(c.key());
        boolean hit = outcome == Outcome.DELETED;
        (hit ? stats.deleteHits : stats.deleteMisses).increment();
        if (!c.noreply()) {
            out.writeBytes(hit ? ReplyEncoder.DELETED : ReplyEncoder.NOT_FOUND);
        }
    }

    private void arithmetic(Command.Arithmetic c, ByteBuf out) {
        Outcome outcome = store.arithmetic(c.key(), c.increment(), c.delta(), 0, 0, Store.NO_TTL, 0,
                Store.NO_TTL, result);
        switch (outcome) {
            case STORED -> {
                (c.increment() ? stats.incrHits : stats.decrHits).increment();
                if (!c.noreply()) {
                    ReplyEncoder.number(out, result.number);
                }
            }
            case NOT_FOUND -> {
                (c.increment() ? stats.incrMisses : stats.decrMisses).increment();
                reply(out, c.noreply(), "NOT_FOUND");
            }
            case NON_NUMERIC -> reply(out, c.noreply(), ReplyEncoder.NON_NUMERIC);
            default -> reply(out, c.noreply(), "SERVER_ERROR out of memory");
        }
    }

    private void touch(Command.Touch c, ByteBuf out) {
        stats.cmdTouch.increment();
        Item it = store.touch(c.key(), c.exptime());
        (it != null ? stats.touchHits : stats.touchMisses).increment();
        if (!c.noreply()) {
            out.writeBytes(it != null ? ReplyEncoder.TOUCHED : ReplyEncoder.NOT_FOUND);
        }
    }

    private void memlimit(Command.CacheMemlimit c, ByteBuf out) {
        if (c.megabytes() < 8) {
            reply(out, c.noreply(), "MEMLIMIT_TOO_SMALL cannot set maxbytes to less than 8m");
        } else if (c.megabytes() > 1_000_000_000L) {
            reply(out, c.noreply(), "MEMLIMIT_ADJUST_FAILED input value is megabytes not bytes");
        } else {
            store.setMemoryLimit(c.megabytes() * 1024 * 1024);
            reply(out, c.noreply(), "OK");
        }
    }

    private void shutdown(Command.Shutdown c, ByteBuf out) {
        if (!node.shutdownEnabled()) {
            ReplyEncoder.line(out, "ERROR: shutdown not enabled");
        } else if (!c.validMode()) {
            ReplyEncoder.line(out, "CLIENT_ERROR invalid shutdown mode");
        } else {
            log.info("shutdown requested by {}", connection.channel().remoteAddress());
            connection.closeAfterReplies();
            node.shutdown().run();
        }
    }

    private void tooLarge(Command.TooLarge c, ByteBuf out) {
        stats.cmdSet.increment();
        stats.storeTooLarge.increment();
        if (c.meta() || c.verb() == StorageVerb.SET) {
            // as memcached: a refused set must not leave the previous value readable
            store.delete(c.key());
        }
        reply(out, c.noreply() && !c.meta(), "SERVER_ERROR object too large for cache");
    }

    private static void reply(ByteBuf out, boolean noreply, String line) {
        if (!noreply) {
            ReplyEncoder.line(out, line);
        }
    }
}
