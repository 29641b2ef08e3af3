package io.memcluster.coordinator.route;

import io.memcluster.coordinator.link.LinkFailure;
import io.memcluster.coordinator.link.NodePool;
import io.memcluster.coordinator.link.ReplyCallback;
import io.memcluster.frontend.request.ReplySlot;
import io.memcluster.protocol.Command;
import io.memcluster.protocol.ErrorKind;
import io.memcluster.protocol.MetaStatus;
import io.memcluster.protocol.Reply;
import io.memcluster.protocol.ReplyEncoder;
import io.netty.buffer.ByteBuf;
import io.netty.channel.EventLoop;
import java.util.function.BiConsumer;

/**
 * A command whose result depends on the item already there (add, replace, cas, append, prepend,
 * incr, decr, ma, ms and mg in the modes that read first): decided on the key's first replica
 * that is up, then the item as it became is written to the other replicas, so that replicas never
 * diverge by applying the same delta twice. What the item became is either known (add, replace,
 * cas: exactly what was sent) or read back from the first replica by a fetch pipelined right
 * behind the decision on the same connection.
 *
 * <p>The client hears the first replica's answer once the copies met the write policy, or
 * {@code SERVER_ERROR} when they did not. A first replica that could not be reached before the
 * command was sent (down, not connected) is passed over for the next; one that timed out might
 * have applied it, so the client is told instead of the command being applied twice.
 *
 * <p>The first replica decided, so the copy reached one replica: every other that does not
 * acknowledge it (down, no reply, SERVER_ERROR) gets the copy as a hint.
 */
final class ReadModifyWrite {

    private final Cluster cluster;
    private final EventLoop loop;
    private final Replicas replicas;
    private final Command decide;
    private final Command fetch;
    private final Command knownCopy;
    private final byte[] key;
    private final boolean base64;
    private final ReplySlot slot;
    private final boolean silent;
    private final BiConsumer<Reply, ByteBuf> answer;
    private final Reasons reasons = new Reasons();
    private int primary = -1;
    private int next;
    private Reply decision;
    private int pendingCopies;
    private int acks;
    private int needed;
    private boolean finished;

    /**
     * @param fetch     the read of the item after the decision, or null when {@code knownCopy} says it
     * @param knownCopy what to write on the other replicas when the decision succeeded, or null
     * @param answer    writes the client's reply from the first replica's answer
     */
    ReadModifyWrite(Cluster cluster, EventLoop loop, Replicas replicas, byte[] key, boolean base64, Command decide,
            Command fetch, Command knownCopy, ReplySlot slot, boolean silent, BiConsumer<Reply, ByteBuf> answer) {
        this.cluster = cluster;
        this.loop = loop;
        // decided on a replica that has all its hints: one behind may hold an older value
        this.replicas = replicas.caughtUpFirst(cluster);
        this.key = key;
        this.base64 = base64;
        this.decide = decide;
        this.fetch = fetch;
        this.knownCopy = knownCopy;
        this.slot = slot;
        this.silent = silent;
        this.answer = answer;
    }

    void start() {
        while (next < replicas.count()) {
            int index = next++;
            NodePool pool = cluster.pool(replicas.node(index));
            if (!pool.isUp()) {
                reasons.down(pool);
                continue;
            }
            primary = index;
            var link = pool.linkFor(loop);
            link.send(decide, new Decision(index));
            if (fetch != null && primary == index && !finished) {
                link.send(fetch, new Fetched(index));
            }
            return;
        }
        fail("SERVER_ERROR no replica could be written" + reasons.inParentheses());
    }

    private final class Decision implements ReplyCallback {
        private final int index;

        Decision(int index) {
            this.index = index;
        }

        @Override
        public void completed(Reply reply) {
            if (index != primary || finished) {
                return;
            }
            decision = reply;
            if (!NodeRequests.succeeded(reply)) {
                // not stored, not found, a CAS mismatch, an error: nothing changed, nothing to copy
                finish();
            } else if (fetch == null) {
                copy(knownCopy);
            }
            // else the fetch behind it says what to copy
        }

        @Override
        public void failed(LinkFailure failure) {
            if (index != primary || finished) {
                return;
            }
            reasons.failed(failure);
            if (failure.kind() == LinkFailure.Kind.NOT_CONNECTED || failure.kind() == LinkFailure.Kind.QUEUE_FULL) {
                // never sent: the next replica may decide instead
                primary = -1;
                start();
            } else {
                fail("SERVER_ERROR the first replica did not answer" + reasons.inParentheses());
            }
        }
    }

    private final class Fetched implements ReplyCallback {
        private final int index;

        Fetched(int index) {
            this.index = index;
        }

        @Override
        public void completed(Reply reply) {
            if (index != primary || finished || decision == null || !NodeRequests.succeeded(decision)) {
                return;
            }
            if (reply instanceof Reply.Meta item && item.status() == MetaStatus.VA) {
                copy(NodeRequests.copy(key, item, base64));
            } else {
                // gone again at once (expired, evicted, deleted by another client): so it goes elsewhere
                copy(NodeRequests.delete(key, base64, cluster.nextVersion()));
            }
        }

        @Override
        public void failed(LinkFailure failure) {
            if (index != primary || finished || decision == null) {
                return;
            }
            reasons.failed(failure);
            fail("SERVER_ERROR the first replica did not answer" + reasons.inParentheses());
        }
    }

    /** Writes what the item became on every other replica that is up. */
    private void copy(Command copy) {
        int up = 0;
        for (int i = 0; i < replicas.count(); i++) {
            if (cluster.pool(replicas.node(i)).isUp() || i == primary) {
                up++;
            }
        }
        needed = cluster.acksNeeded(up);
        acks = 1; // the first replica's own
        pendingCopies = 1;
        for (int i = 0; i < replicas.count(); i++) {
            if (i == primary) {
                continue;
            }
            int node = replicas.node(i);
            NodePool pool = cluster.pool(node);
            if (!pool.isUp()) {
                reasons.down(pool);
                cluster.missed(node, copy);
                continue;
            }
            pendingCopies++;
            pool.linkFor(loop).send(copy, new ReplyCallback() {
                @Override
                public void completed(Reply reply) {
                    if (reply instanceof Reply.Error error) {
                        reasons.refused(pool);
                        if (error.kind() == ErrorKind.SERVER_ERROR) {
                            cluster.missed(node, copy);
                        }
                    } else {
                        acks++;
                    }
                    copied();
                }

                @Override
                public void failed(LinkFailure failure) {
                    reasons.failed(failure);
                    cluster.missed(node, copy);
                    copied();
                }
            });
        }
        copied();
    }

    private void copied() {
        if (--pendingCopies > 0) {
            return;
        }
        if (acks >= needed) {
            finish();
        } else {
            fail("SERVER_ERROR write reached " + acks + " of " + replicas.count() + " replicas, "
                    + cluster.writePolicy().word() + " needs " + needed + reasons.inParentheses());
        }
    }

    private void finish() {
        if (finished) {
            return;
        }
        finished = true;
        if (!silent) {
            answer.accept(decision, slot.out());
        }
        slot.complete();
    }

    private void fail(String line) {
        if (finished) {
            return;
        }
        finished = true;
        if (!silent) {
            ReplyEncoder.line(slot.out(), line);
        }
        slot.complete();
    }
}
