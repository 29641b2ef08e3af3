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
            ReplyEncoder.stat(out, pool.address().name(), address(pool) + " " + pool.state().word());
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
                        + pool.state().word() + " " + cas[i]);
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
