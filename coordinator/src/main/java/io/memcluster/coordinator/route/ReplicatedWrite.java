package io.memcluster.coordinator.route;

import io.memcluster.coordinator.link.LinkFailure;
import io.memcluster.coordinator.link.NodePool;
import io.memcluster.coordinator.link.ReplyCallback;
import io.memcluster.frontend.request.ReplySlot;
import io.memcluster.protocol.Command;
import io.memcluster.protocol.ErrorKind;
import io.memcluster.protocol.Reply;
import io.memcluster.protocol.ReplyEncoder;
import io.netty.buffer.ByteBuf;
import io.netty.channel.EventLoop;

/**
 * A write sent to every replica of its key that is up, all in parallel, answered once each has
 * answered: with the replicas' replies merged when the write policy is met (every replica that
 * was up acknowledged, or a quorum of R), otherwise with {@code SERVER_ERROR} saying how far it
 * got; never a silent success. A replica's error line (out of memory) is no acknowledgement.
 *
 * <p>When at least one replica acknowledged, each that did not (down, no reply, SERVER_ERROR)
 * gets the write as a hint, whatever the client is told; a definite answer (NS, EX, NF) is the
 * replica's own decision and needs none. A write no replica took leaves no hint: the client was
 * told it failed, and nothing is there to converge to.
 */
final class ReplicatedWrite {

    /** What the client is told when the policy is met; replies in ring order, null for a replica without one. */
    interface Merge {
        void write(Reply[] replies, ByteBuf out);
    }

    private final Cluster cluster;
    private final EventLoop loop;
    private final Replicas replicas;
    private final Command request;
    private final ReplySlot slot;
    private final boolean silent;
    private final Merge merge;
    private final Reply[] replies;
    private final boolean[] missed;
    private final Reasons reasons = new Reasons();
    private int pending;
    private int acks;
    private int needed;

    /** @param silent a classic noreply command: nothing is written, whatever happens */
    ReplicatedWrite(Cluster cluster, EventLoop loop, Replicas replicas, Command request, ReplySlot slot,
            boolean silent, Merge merge) {
        this.cluster = cluster;
        this.loop = loop;
        this.replicas = replicas;
        this.request = request;
        this.slot = slot;
        this.silent = silent;
        this.merge = merge;
        this.replies = new Reply[replicas.count()];
        this.missed = new boolean[replicas.count()];
    }

    void start() {
        int up = replicas.up(cluster);
        needed = cluster.acksNeeded(up);
        pending = up + 1; // one for this method, so that replies failing at once cannot finish early
        for (int i = 0; i < replicas.count(); i++) {
            NodePool pool = cluster.pool(replicas.node(i));
            if (!pool.isUp()) {
                reasons.down(pool);
                missed[i] = true;
                continue;
            }
            pool.linkFor(loop).send(request, new Answer(i, pool));
        }
        done();
    }

    private final class Answer implements ReplyCallback {
        private final int index;
        private final NodePool pool;

        Answer(int index, NodePool pool) {
            this.index = index;
            this.pool = pool;
        }

        @Override
        public void completed(Reply reply) {
            replies[index] = reply;
            if (reply instanceof Reply.Error error) {
                reasons.refused(pool);
                missed[index] = error.kind() == ErrorKind.SERVER_ERROR;
            } else {
                acks++;
            }
            done();
        }

        @Override
        public void failed(LinkFailure failure) {
            reasons.failed(failure);
            missed[index] = true;
            done();
        }
    }

    private void done() {
        if (--pending > 0) {
            return;
        }
        if (acks > 0) {
            for (int i = 0; i < missed.length; i++) {
                if (missed[i]) {
                    cluster.missed(replicas.node(i), request);
                }
            }
        }
        if (!silent) {
            ByteBuf out = slot.out();
            if (acks > 0 && acks >= needed) {
                merge.write(replies, out);
            } else {
                Reply error = firstError();
                if (error != null) {
                    ReplyEncoder.write(error, out);
                } else {
                    ReplyEncoder.line(out, "SERVER_ERROR write reached " + acks + " of " + replicas.count()
                            + " replicas, " + cluster.writePolicy().word() + " needs " + Math.max(needed, 1)
                            + reasons.inParentheses());
                }
            }
        }
        slot.complete();
    }

    private Reply firstError() {
        for (Reply reply : replies) {
            if (reply instanceof Reply.Error) {
                return reply;
            }
        }
        return null;
    }

    /** The first success (HD, VA) in ring order, else the first reply: what one replica alone would have said. */
    static Reply best(Reply[] replies) {
        Reply first = null;
        for (Reply reply : replies) {
            if (NodeRequests.succeeded(reply)) {
                return reply;
            }
            if (first == null && reply != null && !(reply instanceof Reply.Error)) {
                first = reply;
            }
        }
        return first;
    }
}
