package io.memcluster.coordinator.route;

import io.memcluster.coordinator.hint.HintLog;
import io.memcluster.coordinator.hint.HintedHandoff;
import io.memcluster.coordinator.link.LinkFailure;
import io.memcluster.coordinator.link.NodePool;
import io.memcluster.coordinator.link.ReplyCallback;
import io.memcluster.frontend.request.ReplySlot;
import io.memcluster.protocol.Command;
import io.memcluster.protocol.MetaFlags;
import io.memcluster.protocol.Reply;
import io.memcluster.protocol.ReplyEncoder;
import io.netty.buffer.ByteBuf;
import java.util.List;
import io.netty.channel.EventLoop;

/**
 * The coordinator's own {@code stats} groups, extensions that name their own words so they cannot
 * clash with memcached's: {@code stats nodes}, one line per node ({@code STAT <name> <host:port>
 * <state>}), and {@code stats route <key>}, one line per replica of the key in ring order with the
 * CAS of its copy there.
 */
final class NodeReports {

    private NodeReports() {
    }

    static void nodes(Cluster cluster, ByteBuf out) {
        for (NodePool pool : cluster.pools()) {
            ReplyEncoder.stat(out, pool.address().name(), address(pool) + " " + pool.stateWord());
        }
        ReplyEncoder.end(out);
    }

    /**
     * {@code stats catchup}: per node {@code <name>:state} ({@code idle} or {@code catching-up}),
     * {@code :percent} of the segments compared, the run's counts ({@code :segments_total},
     * {@code :segments_done}, {@code :segments_differing}, {@code :keys_listed}, {@code :keys_copied},
     * {@code :deletes_copied}, {@code :copy_failures}), {@code :elapsed_ms} of the run under way or
     * the last, and {@code :last_reason}, {@code :last_outcome}, {@code :runs}.
     */
    static void catchUp(Cluster cluster, ByteBuf out) {
        CatchUp runs = cluster.catchUp();
        List<NodePool> pools = cluster.pools();
        for (int i = 0; runs != null && i < pools.size(); i++) {
            CatchUpProgress p = runs.progress(i);
            String name = pools.get(i).address().name();
            ReplyEncoder.stat(out, name + ":state", p.running() ? "catching-up" : "idle");
            ReplyEncoder.stat(out, name + ":percent", p.running() ? p.percent() : p.runs() > 0 ? 100 : 0);
            ReplyEncoder.stat(out, name + ":segments_total", p.segmentsTotal());
            ReplyEncoder.stat(out, name + ":segments_done", p.segmentsDone());
            ReplyEncoder.stat(out, name + ":segments_differing", p.segmentsDiffering());
            ReplyEncoder.stat(out, name + ":keys_listed", p.keysListed());
            ReplyEncoder.stat(out, name + ":keys_copied", p.keysCopied());
            ReplyEncoder.stat(out, name + ":deletes_copied", p.deletesCopied());
            ReplyEncoder.stat(out, name + ":copy_failures", p.copyFailures());
            ReplyEncoder.stat(out, name + ":elapsed_ms", p.running()
                    ? runs.nowMillis() - p.startedMillis() : p.lastMillis());
            ReplyEncoder.stat(out, name + ":last_reason", p.lastReason().isEmpty() ? "-" : p.lastReason());
            ReplyEncoder.stat(out, name + ":last_outcome", p.lastOutcome());
            ReplyEncoder.stat(out, name + ":runs", p.runs());
        }
        ReplyEncoder.end(out);
    }

    /**
     * Each node's hints, {@code STAT <name>:<counter> <n>}: queued, bytes, replayed, the three
     * kinds dropped, whether a replay is under way, and whether the node lost a hint and so
     * needs a digest catch-up. Never a key.
     */
    static void hints(Cluster cluster, ByteBuf out) {
        HintedHandoff hints = cluster.hints();
        for (int i = 0; i < cluster.size(); i++) {
            String name = cluster.pool(i).address().name() + ":";
            HintLog.Counts counts = hints.counts(i);
            ReplyEncoder.stat(out, name + "queued", counts.queued());
            ReplyEncoder.stat(out, name + "bytes", counts.bytes());
            ReplyEncoder.stat(out, name + "replayed", counts.replayed());
            ReplyEncoder.stat(out, name + "dropped_overflow", counts.droppedOverflow());
            ReplyEncoder.stat(out, name + "dropped_expired", counts.droppedExpired());
            ReplyEncoder.stat(out, name + "dropped_refused", counts.droppedRefused());
            ReplyEncoder.stat(out, name + "replaying", hints.replaying(i) ? 1 : 0);
            ReplyEncoder.stat(out, name + "needs_digest_catch_up", hints.needsDigestCatchUp(i) ? 1 : 0);
        }
        ReplyEncoder.end(out);
    }

    /** The general group's catch-up lines: nodes catching up now, keys and deletes copied so far. */
    static void catchUpTotals(Cluster cluster, ByteBuf out) {
        CatchUp runs = cluster.catchUp();
        int running = 0;
        long copied = 0;
        for (int i = 0; runs != null && i < cluster.size(); i++) {
            CatchUpProgress p = runs.progress(i);
            running += p.running() ? 1 : 0;
            copied += p.copiedTotal();
        }
        ReplyEncoder.stat(out, "catchup_running", running);
        ReplyEncoder.stat(out, "catchup_copied", copied);
    }

    /**
     * One line per replica in ring order: {@code STAT <i> <name> <host:port> <state> <cas>}, the
     * CAS being the key's on that replica, {@code missing} where it has no copy, {@code unknown}
     * where it could not be asked.
     */
    static void route(Cluster cluster, EventLoop loop, byte[] key, ReplySlot slot) {
        Replicas replicas = cluster.replicasOf(key);
        String[] cas = new String[replicas.count()];
        int[] pending = {replicas.count() + 1};
        Runnable one = () -> {
            if (--pending[0] > 0) {
                return;
            }
            ByteBuf out = slot.out();
            for (int i = 0; i < replicas.count(); i++) {
                NodePool pool = cluster.pool(replicas.node(i));
                ReplyEncoder.stat(out, Integer.toString(i), pool.address().name() + " " + address(pool) + " "
                        + pool.stateWord() + " " + cas[i]);
            }
            ReplyEncoder.end(out);
            slot.complete();
        };
        Command ask = new Command.MetaGet(key, MetaFlags.builder().flag('c').flag('u').build());
        for (int i = 0; i < replicas.count(); i++) {
            final int at = i;
            NodePool pool = cluster.pool(replicas.node(i));
            if (!pool.isUp()) {
                cas[i] = "unknown";
                one.run();
                continue;
            }
            pool.linkFor(loop).send(ask, new ReplyCallback() {
                @Override
                public void completed(Reply reply) {
                    cas[at] = reply instanceof Reply.Meta meta && NodeRequests.succeeded(meta)
                            ? Long.toUnsignedString(NodeRequests.cas(meta)) : reply instanceof Reply.Meta ? "missing"
                            : "unknown";
                    one.run();
                }

                @Override
                public void failed(LinkFailure failure) {
                    cas[at] = "unknown";
                    one.run();
                }
            });
        }
        one.run();
    }

    private static String address(NodePool pool) {
        String host = pool.address().host();
        return (host.indexOf(':') >= 0 ? "[" + host + "]" : host) + ":" + pool.address().port();
    }
}
