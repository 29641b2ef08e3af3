package io.memcluster.coordinator.route;

import io.memcluster.coordinator.link.LinkFailure;
import io.memcluster.coordinator.link.NodePool;
import io.memcluster.coordinator.link.ReplyCallback;
import io.memcluster.protocol.Command;
import io.memcluster.protocol.Reply;
import io.netty.channel.EventLoop;

/**
 * A read of one key: sent to its first replica that is up; if that one fails (down, timeout,
 * connection lost), to the next, within the same client request. What a node answers, even an
 * error, is the answer: only a node that could not answer is passed over. A replica still
 * receiving hints is asked after its peers ({@link Replicas#caughtUpFirst}).
 */
final class FailoverRead implements ReplyCallback {

    /** Where the read ends: exactly one of the two, once. */
    interface Outcome {
        void read(Reply reply);

        /** No replica could answer; {@code reasons} is {@code " (node-1 down, node-2 timeout)"}. */
        void unavailable(String reasons);
    }

    private final Cluster cluster;
    private final EventLoop loop;
    private final Replicas replicas;
    private final Command request;
    private final Outcome outcome;
    private final Reasons reasons = new Reasons();
    private int next;

    FailoverRead(Cluster cluster, EventLoop loop, Replicas replicas, Command request, Outcome outcome) {
        this.cluster = cluster;
        this.loop = loop;
        this.replicas = replicas.caughtUpFirst(cluster);
        this.request = request;
        this.outcome = outcome;
    }

    void start() {
        tryNext();
    }

    private void tryNext() {
        while (next < replicas.count()) {
            NodePool pool = cluster.pool(replicas.node(next++));
            if (!pool.isUp()) {
                reasons.down(pool);
                continue;
            }
            pool.linkFor(loop).send(request, this);
            return;
        }
        outcome.unavailable(reasons.inParentheses());
    }

    @Override
    public void completed(Reply reply) {
        outcome.read(reply);
    }

    @Override
    public void failed(LinkFailure failure) {
        reasons.failed(failure);
        tryNext();
    }
}
