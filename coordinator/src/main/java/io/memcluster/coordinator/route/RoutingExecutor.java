package io.memcluster.coordinator.route;

import io.memcluster.frontend.request.ClientConnection;
import io.memcluster.frontend.request.CommandExecutor;
import io.memcluster.frontend.request.ReplySlot;
import io.memcluster.frontend.security.UserAdminCommand;
import io.memcluster.protocol.Command;
import io.memcluster.protocol.MetaFlags;
import io.memcluster.protocol.MetaStatus;
import io.memcluster.protocol.Reply;
import io.memcluster.protocol.ReplyEncoder;
import io.memcluster.protocol.StorageVerb;
import io.netty.buffer.ByteBuf;
import io.netty.channel.EventLoop;

/**
 * One client connection's commands, routed to the nodes. Everything runs on the connection's
 * event loop, and so do the links it uses (one per node and loop): no thread hop between a
 * client's request, the node's reply and the client's answer, and one client's requests to a
 * node stay in order on one connection, so a set followed by a get sees its value.
 *
 * <p>Meta commands go to the nodes with the client's own flags, less {@code q} (every request
 * to a node must get its reply, or the connection's FIFO of requests would lose step): the
 * node's reply is then exactly what the client asked for, and quiet mode is applied here.
 */
public final class RoutingExecutor implements CommandExecutor {

    private final CoordinatorContext context;
    private final Cluster cluster;
    private final ClientConnection connection;
    private final EventLoop loop;
    private final ReadBudget reads = new ReadBudget();
    private final WriteBudget writes;

    RoutingExecutor(CoordinatorContext context, ClientConnection connection, WriteBudget writes) {
        this.context = context;
        this.writes = writes;
        this.cluster = context.cluster();
        this.connection = connection;
        this.loop = connection.channel().eventLoop();
    }

    /** The executors of a coordinator's client connections. */
    public static CommandExecutor.Factory factory(CoordinatorContext context) {
        return factory(context, WriteBudget.DEFAULT_BYTES);
    }

    /** @param writeBytes what the values of writes at the nodes are kept near, over all connections */
    public static CommandExecutor.Factory factory(CoordinatorContext context, long writeBytes) {
        WriteBudget writes = new WriteBudget(writeBytes);
        return connection -> new RoutingExecutor(context, connection, writes);
    }

    @Override
    public void execute(Command command, ReplySlot slot) {
        // Ordered by how often each command arrives in a typical cache workload.
        if (command instanceof Command.Retrieval c) {
            new MultiGet(cluster, loop, c, reads.begin(slot, c.keys().length), reads).start();
        } else if (command instanceof Command.Storage c) {
            ReplySlot counted = writes.begin(slot, c.data().length);
            // append and prepend read the whole new value back from a replica, to copy it
            boolean readsBack = c.verb() == StorageVerb.APPEND || c.verb() == StorageVerb.PREPEND;
            storage(c, readsBack ? reads.begin(counted) : counted);
        } else if (command instanceof Command.MetaGet c) {
            metaGet(c, slot);
        } else if (command instanceof Command.MetaSet c) {
            ReplySlot counted = writes.begin(slot, c.data().length);
            byte mode = c.flags().mode();
            boolean readsBack = mode == 'A' || mode == 'P' || c.flags().has('I');
            metaSet(c, readsBack ? reads.begin(counted) : counted);
        } else if (command instanceof Command.Delete c) {
            // EX (a newer write won) and NF are both NOT_FOUND; one replica that had it is DELETED
            new ReplicatedWrite(cluster, loop, cluster.replicasOf(c.key()),
                    NodeRequests.delete(c.key(), false, cluster.nextVersion()), slot, c.noreply(),
                    (replies, out) -> ClassicReplies.deleted(anySucceeded(replies), out)).start();
        } else if (command instanceof Command.Arithmetic c) {
            new ReadModifyWrite(cluster, loop, cluster.replicasOf(c.key()), c.key(), false,
                    NodeRequests.arithmetic(c.key(), c.increment(), c.delta(), cluster.nextVersion()),
                    NodeRequests.fetch(c.key(), false), null, slot, c.noreply(), ClassicReplies::arithmetic).start();
        } else if (command instanceof Command.Touch c) {
            new ReplicatedWrite(cluster, loop, cluster.replicasOf(c.key()),
                    NodeRequests.touch(c.key(), c.exptime(), false), slot, c.noreply(),
                    (replies, out) -> ClassicReplies.touched(anySucceeded(replies), out)).start();
        } else if (command instanceof Command.MetaDelete c) {
            metaDelete(c, slot);
        } else if (command instanceof Command.MetaArithmetic c) {
            metaArithmetic(c, slot);
        } else if (command instanceof Command.MetaDebug c) {
            read(c.key(), c, slot, null);
        } else if (command instanceof Command.MetaNoop) {
            ReplyEncoder.line(slot.out(), "MN");
            slot.complete();
        } else {
            rare(command, slot);
        }
    }

    private void rare(Command command, ReplySlot slot) {
        if (command instanceof Command.Invalid c) {
            reply(slot, c.noreply(), c.reply());
        } else if (command instanceof Command.Stats c) {
            ClusterStats.answer(context, connection.access(), loop, c.args(), slot);
        } else if (command instanceof Command.FlushAll c) {
            WholeCluster.flushAll(cluster, loop, c, slot);
        } else if (command instanceof Command.LruCrawler c) {
            WholeCluster.lruCrawler(cluster, context.crawler(), loop, c.args(), connection.access(), slot);
        } else if (command instanceof Command.Version) {
            reply(slot, false, "VERSION " + context.version());
        } else if (command instanceof Command.Verbosity c) {
            reply(slot, c.noreply(), "OK");
        } else if (command instanceof Command.CacheMemlimit c) {
            WholeCluster.cacheMemlimit(cluster, loop, c, slot);
        } else if (command instanceof Command.Shutdown) {
            // the coordinator stops with SIGTERM or bin/memcluster down, never on a client's word
            reply(slot, false, "ERROR: shutdown not enabled");
        } else if (command instanceof Command.TooLarge c) {
            tooLarge(c, slot);
        } else if (command instanceof Command.UserAdmin c) {
            UserAdminCommand.execute(context.users(), c, slot, connection);
        } else if (command instanceof Command.Snapshot c) {
            ClusterSnapshots.snapshot(cluster, loop, c, slot);
        } else if (command instanceof Command.FlushNamespace c) {
            WholeCluster.flushNamespace(cluster, loop, c, slot);
        } else if (command instanceof Command.Digest || command instanceof Command.DigestKeys) {
            // a replica's own digest: the coordinator compares them itself (stats catchup shows it)
            reply(slot, false, "CLIENT_ERROR digests are a node's: ask a node, or see stats catchup here");
        } else {
            throw new IllegalStateException("unhandled command type " + command.getClass().getSimpleName());
        }
    }

    // ------------------------------------------------------------ classic storage

    private void storage(Command.Storage c, ReplySlot slot) {
        Replicas replicas = cluster.replicasOf(c.key());
        long version = cluster.nextVersion();
        Command set = NodeRequests.set(c.key(), c.flags(), c.exptime(), c.data(), version);
        StorageVerb verb = c.verb();
        if (verb == StorageVerb.SET) {
            // NS from a replica means a newer version is there already: this set came first, STORED
            new ReplicatedWrite(cluster, loop, replicas, set, slot, c.noreply(),
                    (replies, out) -> ClassicReplies.storage(superseded(ReplicatedWrite.best(replies)), out)).start();
            return;
        }
        Command decide;
        Command fetch = null;
        Command copy = null;
        switch (verb) {
            case ADD -> {
                decide = NodeRequests.store('E', c.key(), c.flags(), c.exptime(), c.data(), version);
                copy = set;
            }
            case REPLACE -> {
                decide = NodeRequests.store('R', c.key(), c.flags(), c.exptime(), c.data(), version);
                copy = set;
            }
            case CAS -> {
                decide = NodeRequests.compareAndSet(c.key(), c.flags(), c.exptime(), c.data(), c.cas(), version);
                copy = set;
            }
            default -> {
                // append and prepend keep the item's flags and expiry: the result is read back
                decide = NodeRequests.store(verb == StorageVerb.APPEND ? 'A' : 'P', c.key(), 0, 0, c.data(), version);
                fetch = NodeRequests.fetch(c.key(), false);
            }
        }
        new ReadModifyWrite(cluster, loop, replicas, c.key(), false, decide, fetch, copy, slot, c.noreply(),
                ClassicReplies::storage).start();
    }

    // ------------------------------------------------------------ meta commands

    private void metaGet(Command.MetaGet c, ReplySlot slot) {
        MetaFlags f = c.flags();
        if (f.vivifyTtl() != MetaFlags.ABSENT) {
            // may create the item: decided on the first replica, the result copied; a created item
            // gets a version of ours (a node's own next CAS could equal a version we mint later)
            MetaFlags.Builder flags = f.toBuilder('q');
            if (!f.has('E')) {
                flags.newCas(cluster.nextVersion());
            }
            Command decide = new Command.MetaGet(c.key(), flags.build());
            new ReadModifyWrite(cluster, loop, cluster.replicasOf(c.key()), c.key(), f.base64Key(), decide,
                    NodeRequests.fetch(c.key(), f.base64Key()), null, slot, false,
                    (reply, out) -> quietly(reply, f, MetaStatus.EN, out)).start();
        } else if (f.ttl() != MetaFlags.ABSENT) {
            // a new TTL for every replica, the value from the first that has it
            Command touch = new Command.MetaGet(c.key(), f.toBuilder('q').build());
            new ReplicatedWrite(cluster, loop, cluster.replicasOf(c.key()), touch, slot, false,
                    (replies, out) -> quietly(ReplicatedWrite.best(replies), f, MetaStatus.EN, out)).start();
        } else {
            Command read = f.quiet() ? new Command.MetaGet(c.key(), f.toBuilder('q').build()) : c;
            read(c.key(), read, reads.begin(slot), f);
        }
    }

    private void metaSet(Command.MetaSet c, ReplySlot slot) {
        MetaFlags f = c.flags();
        if (f.has('E') && refusedAhead(f.newCas(), slot)) {
            return;
        }
        long version = f.has('E') ? f.newCas() : cluster.nextVersion();
        MetaFlags.Builder toNode = f.toBuilder('q');
        if (!f.has('E')) {
            toNode.newCas(version);
        }
        Replicas replicas = cluster.replicasOf(c.key());
        byte mode = f.mode();
        boolean readsFirst = (mode != 0 && mode != 'S') || f.has('C') || f.has('I');
        if (!readsFirst) {
            Command request = new Command.MetaSet(c.key(), c.data(), NodeRequests.versioned(toNode).build());
            // NS: a newer version is there. For a version of ours this set simply came first (HD);
            // a client's own E at or below the key's version is its NS to see.
            boolean ours = !f.has('E');
            new ReplicatedWrite(cluster, loop, replicas, request, slot, false, (replies, out) -> {
                Reply best = ReplicatedWrite.best(replies);
                quietly(ours ? superseded(best) : best, f, MetaStatus.HD, out);
            }).start();
            return;
        }
        Command request = new Command.MetaSet(c.key(), c.data(), toNode.build());
        boolean concatenates = mode == 'A' || mode == 'P' || f.has('I');
        Command fetch = concatenates ? NodeRequests.fetch(c.key(), f.base64Key()) : null;
        Command copy = concatenates ? null : copyOf(c, version);
        new ReadModifyWrite(cluster, loop, replicas, c.key(), f.base64Key(), request, fetch, copy, slot, false,
                (reply, out) -> quietly(reply, f, MetaStatus.HD, out)).start();
    }

    /** An add, replace or CAS set that succeeded, as the other replicas take it: a plain set. */
    private static Command copyOf(Command.MetaSet c, long version) {
        MetaFlags f = c.flags();
        MetaFlags.Builder flags = MetaFlags.builder();
        if (f.base64Key()) {
            flags.flag('b');
        }
        flags.clientFlags(f.clientFlags()).ttl(f.ttl() == MetaFlags.ABSENT ? 0 : f.ttl()).newCas(version)
                .flag(NodeRequests.VERSIONED);
        return new Command.MetaSet(c.key(), c.data(), flags.build());
    }

    private void metaDelete(Command.MetaDelete c, ReplySlot slot) {
        MetaFlags f = c.flags();
        if (f.has('E') && refusedAhead(f.newCas(), slot)) {
            return;
        }
        // a removal (no I or x, which mark the item stale instead) is versioned and leaves tombstones
        boolean removes = !f.has('I') && !f.has('x');
        boolean newCas = !f.has('E') && (removes || f.has('I') || f.has('x'));
        long version = newCas ? cluster.nextVersion() : 0;
        MetaFlags.Builder toNode = f.toBuilder('q');
        if (newCas) {
            toNode.newCas(version);
        }
        Replicas replicas = cluster.replicasOf(c.key());
        if (!f.has('C')) {
            Command request = new Command.MetaDelete(c.key(),
                    (removes ? NodeRequests.versioned(toNode) : toNode).build());
            new ReplicatedWrite(cluster, loop, replicas, request, slot, false, (replies, out) -> {
                Reply best = ReplicatedWrite.best(replies);
                // EX from a versioned delete: a newer write won, so for this delete the key was not there
                quietly(removes ? notFoundIfNewer(best) : best, f, MetaStatus.HD, out);
            }).start();
            return;
        }
        // compared on the first replica, as memcached does; the others follow without the comparison
        Command request = new Command.MetaDelete(c.key(), toNode.build());
        MetaFlags.Builder follow = f.toBuilder('q', 'C');
        if (newCas) {
            follow.newCas(version);
        }
        Command copy = new Command.MetaDelete(c.key(), (removes ? NodeRequests.versioned(follow) : follow).build());
        new ReadModifyWrite(cluster, loop, replicas, c.key(), f.base64Key(), request, null, copy, slot, false,
                (reply, out) -> quietly(reply, f, MetaStatus.HD, out)).start();
    }

    private void metaArithmetic(Command.MetaArithmetic c, ReplySlot slot) {
        MetaFlags f = c.flags();
        MetaFlags.Builder toNode = f.toBuilder('q');
        if (!f.has('E')) {
            toNode.newCas(cluster.nextVersion());
        }
        Command request = new Command.MetaArithmetic(c.key(), toNode.build());
        new ReadModifyWrite(cluster, loop, cluster.replicasOf(c.key()), c.key(), f.base64Key(), request,
                NodeRequests.fetch(c.key(), f.base64Key()), null, slot, false, (reply, out) -> {
                    // quiet hides ma's success, with or without its value, as the node does
                    boolean success = NodeRequests.succeeded(reply);
                    if (!(f.quiet() && success)) {
                        ReplyEncoder.write(reply, out);
                    }
                }).start();
    }

    /**
     * A client's {@code E} more than {@code cluster.max_clock_skew} ahead of this coordinator's
     * clock is refused, as it would drag every later version of the cluster there; one within it
     * keeps later versions above it.
     *
     * @return true when the client was told {@code CLIENT_ERROR} and nothing was sent
     */
    private boolean refusedAhead(long version, ReplySlot slot) {
        if (cluster.observeVersion(version, "a client's E")) {
            return false;
        }
        ReplyEncoder.line(slot.out(), ClassicReplies.VERSION_TOO_FAR_AHEAD);
        slot.complete();
        return true;
    }

    /** A versioned set's NS (all replicas held a newer version): the write came first, HD. */
    private static Reply superseded(Reply reply) {
        if (reply instanceof Reply.Meta meta && meta.status() == MetaStatus.NS) {
            return new Reply.Meta(MetaStatus.HD, meta.flags(), meta.data());
        }
        return reply;
    }

    /** A versioned delete's EX: the key had a newer write, so for this delete it was not found. */
    private static Reply notFoundIfNewer(Reply reply) {
        if (reply instanceof Reply.Meta meta && meta.status() == MetaStatus.EX) {
            return new Reply.Meta(MetaStatus.NF, meta.flags(), meta.data());
        }
        return reply;
    }

    /** mg and me: the first replica that answers, its reply passed on (quiet: not a miss). */
    private void read(byte[] key, Command request, ReplySlot slot, MetaFlags quietFlags) {
        new FailoverRead(cluster, loop, cluster.replicasOf(key), request, new FailoverRead.Outcome() {
            @Override
            public void read(Reply reply) {
                if (reply instanceof Reply.Meta meta && meta.data() != null) {
                    reads.sawValue(meta.data().length);
                }
                if (quietFlags == null) {
                    ReplyEncoder.write(reply, slot.out());
                } else {
                    quietly(reply, quietFlags, MetaStatus.EN, slot.out());
                }
                slot.complete();
            }

            @Override
            public void unavailable(String reasons) {
                ReplyEncoder.line(slot.out(), "SERVER_ERROR no replica could be read" + reasons);
                slot.complete();
            }
        }).start();
    }

    /** A meta reply as the client gets it: nothing when {@code q} hides this code. */
    private static void quietly(Reply reply, MetaFlags f, MetaStatus hidden, ByteBuf out) {
        if (reply == null) {
            return;
        }
        if (f.quiet() && reply instanceof Reply.Meta meta && meta.status() == hidden) {
            return;
        }
        ReplyEncoder.write(reply, out);
    }

    // ------------------------------------------------------------ the rest

    private void tooLarge(Command.TooLarge c, ReplySlot slot) {
        boolean silent = c.noreply() && !c.meta();
        String line = "SERVER_ERROR object too large for cache";
        if (c.meta() || c.verb() == StorageVerb.SET) {
            // as memcached: a refused set must not leave the previous value readable
            new ReplicatedWrite(cluster, loop, cluster.replicasOf(c.key()),
                    NodeRequests.delete(c.key(), false, cluster.nextVersion()), slot, silent,
                    (replies, out) -> ReplyEncoder.line(out, line)).start();
        } else {
            reply(slot, silent, line);
        }
    }

    private static boolean anySucceeded(Reply[] replies) {
        for (Reply reply : replies) {
            if (NodeRequests.succeeded(reply)) {
                return true;
            }
        }
        return false;
    }

    private static void reply(ReplySlot slot, boolean silent, String line) {
        if (!silent) {
            ReplyEncoder.line(slot.out(), line);
        }
        slot.complete();
    }
}
