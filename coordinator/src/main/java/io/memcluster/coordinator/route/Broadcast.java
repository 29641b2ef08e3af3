package io.memcluster.coordinator.route;

import io.memcluster.coordinator.link.LinkFailure;
import io.memcluster.coordinator.link.NodePool;
import io.memcluster.coordinator.link.ReplyCallback;
import io.memcluster.protocol.Command;
import io.memcluster.protocol.Reply;
import io.netty.channel.EventLoop;
import java.util.ArrayList;
import java.util.List;

/**
 * One command sent to every node that is up, for what concerns the whole cluster (flush_all,
 * stats): each node's answer is collected whole, listing elements and all, and handed
 * over once every node has answered or failed.
 */
final class Broadcast {

    /** What one node answered: its elements (listing lines, then the ending one), or why it did not. */
    static final class Answer {
        final NodePool node;
        final List<Reply> elements = new ArrayList<>();
        LinkFailure failure;
        boolean skipped;

        Answer(NodePool node) {
            this.node = node;
        }

        /** The reply, or the element that ended the listing; null without one. */
        Reply last() {
            return failure != null || skipped || elements.isEmpty() ? null : elements.get(elements.size() - 1);
        }

        boolean answered() {
            return last() != null;
        }
    }

    interface Done {
        /** @param answers one per node, in ring order (a node that is down: skipped) */
        void answered(List<Answer> answers);
    }

    private Broadcast() {
    }

    static void send(Cluster cluster, EventLoop loop, Command command, Done done) {
        List<Answer> answers = new ArrayList<>(cluster.size());
        int[] pending = {1};
        Runnable one = () -> {
            if (--pending[0] == 0) {
                done.answered(answers);
            }
        };
        for (int i = 0; i < cluster.size(); i++) {
            NodePool pool = cluster.pool(i);
            Answer answer = new Answer(pool);
            answers.add(answer);
            if (!pool.isUp()) {
                answer.skipped = true;
                continue;
            }
            pending[0]++;
            pool.linkFor(loop).send(command, new ReplyCallback() {
                @Override
                public void element(Reply element) {
                    answer.elements.add(element);
                }

                @Override
                public void completed(Reply reply) {
                    answer.elements.add(reply);
                    one.run();
                }

                @Override
                public void failed(LinkFailure failure) {
                    answer.failure = failure;
                    answer.elements.clear();
                    one.run();
                }
            });
        }
        one.run();
    }
}
