package io.memcluster.coordinator.route;

import io.memcluster.auth.NamespaceAccess;
import io.memcluster.coordinator.link.LinkFailure;
import io.memcluster.coordinator.link.NodePool;
import io.memcluster.coordinator.link.ReplyCallback;
import io.memcluster.frontend.request.ReplySlot;
import io.memcluster.protocol.Command;
import io.memcluster.protocol.Reply;
import io.memcluster.protocol.ReplyEncoder;
import io.netty.buffer.ByteBuf;
import io.netty.channel.EventLoop;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * The nodes' snapshots, cluster-wide: {@code memcluster snapshot [namespace]} and
 * {@code stats snapshots}. Each node's lines come back prefixed with its name
 * ({@code STAT node-1:cart:items 12}), a node that could not be asked as
 * {@code <node>:result failed} and {@code <node>:error <why>}, then a few cluster-wide lines.
 * Items are on R nodes each, so the nodes' totals are not summed: they would count every item R
 * times.
 */
final class ClusterSnapshots {

    /**
     * How long a node may take to write its snapshot and answer. A node writes every namespace
     * before it answers, at disk speed: a few GB take tens of seconds, so the links' request
     * timeout (a second) would fail every real snapshot. Clients that wait for this (the CLI's
     * {@code SNAPSHOT}) must wait longer.
     */
    static final Duration SNAPSHOT_TIMEOUT = Duration.ofMinutes(5);

    private ClusterSnapshots() {
    }

    /**
     * Every node writes its files now, each on a connection of its own (see
     * {@link NodePool#sendAlone}): the pooled links are not held up meanwhile. Then, after the
     * nodes' lines, {@code nodes}, {@code failed_nodes} and {@code result ok|failed}.
     */
    static void snapshot(Cluster cluster, EventLoop loop, Command.Snapshot c, ReplySlot slot) {
        List<NodePool> pools = cluster.pools();
        Answer[] answers = new Answer[pools.size()];
        int[] pending = {pools.size() + 1};
        Runnable one = () -> {
            if (--pending[0] > 0) {
                return;
            }
            ByteBuf out = slot.out();
            int failed = 0;
            for (Answer answer : answers) {
                if (!answer.write(out, null)) {
                    failed++;
                }
            }
            ReplyEncoder.stat(out, "nodes", answers.length);
            ReplyEncoder.stat(out, "failed_nodes", failed);
            ReplyEncoder.stat(out, "result", failed == 0 ? "ok" : "failed");
            ReplyEncoder.end(out);
            slot.complete();
        };
        for (int i = 0; i < pools.size(); i++) {
            NodePool pool = pools.get(i);
            Answer answer = new Answer(pool.address().name());
            answers[i] = answer;
            if (!pool.isUp()) {
                answer.failure = "down";
                one.run();
                continue;
            }
            pool.sendAlone(loop, c, SNAPSHOT_TIMEOUT, answer.collecting(one));
        }
        one.run();
    }

    /**
     * {@code stats snapshots}: each node's lines prefixed, its namespaces' lines only where the
     * client may read; then {@code oldest_age}, the largest of the nodes' (the one number to alert
     * on), {@code nodes} and {@code nodes_failing} (last run failed, or no answer).
     */
    static void stats(Cluster cluster, EventLoop loop, String[] args, NamespaceAccess access, ReplySlot slot) {
        Broadcast.send(cluster, loop, new Command.Stats(args), broadcast -> {
            ByteBuf out = slot.out();
            long oldestAge = 0;
            int failing = 0;
            for (Broadcast.Answer b : broadcast) {
                Answer answer = Answer.of(b);
                if (!answer.write(out, access)) {
                    failing++;
                }
                oldestAge = Math.max(oldestAge, answer.number("oldest_age"));
            }
            ReplyEncoder.stat(out, "oldest_age", oldestAge);
            ReplyEncoder.stat(out, "nodes", broadcast.size());
            ReplyEncoder.stat(out, "nodes_failing", failing);
            ReplyEncoder.end(out);
            slot.complete();
        });
    }

    /** One node's listing, or why there is none. */
    private static final class Answer {
        final String node;
        final List<Reply.Stat> lines = new ArrayList<>();
        /** Why the node gave no listing; null when it did. */
        String failure;

        Answer(String node) {
            this.node = node;
        }

        static Answer of(Broadcast.Answer b) {
            Answer answer = new Answer(b.node.address().name());
            if (b.skipped) {
                answer.failure = "down";
            } else if (b.failure != null) {
                answer.failure = words(b.failure);
            } else {
                answer.ended(b.elements);
            }
            return answer;
        }

        ReplyCallback collecting(Runnable done) {
            List<Reply> elements = new ArrayList<>();
            return new ReplyCallback() {
                @Override
                public void element(Reply element) {
                    elements.add(element);
                }

                @Override
                public void completed(Reply reply) {
                    elements.add(reply);
                    ended(elements);
                    done.run();
                }

                @Override
                public void failed(LinkFailure f) {
                    failure = words(f);
                    done.run();
                }
            };
        }

        /** A listing is STAT lines and END; anything else (SERVER_ERROR, ERROR) is the node's refusal. */
        void ended(List<Reply> elements) {
            Reply last = elements.get(elements.size() - 1);
            if (!(last instanceof Reply.End)) {
                failure = last instanceof Reply.Error error ? error.line()
                        : "answered " + last.getClass().getSimpleName() + " instead of a listing";
                return;
            }
            for (Reply element : elements) {
                if (element instanceof Reply.Stat stat) {
                    lines.add(stat);
                }
            }
        }

        /**
         * Its lines prefixed with its name, namespace lines ({@code <ns>:...}) only where
         * {@code access} may read (null: all).
         *
         * @return whether the node is well: it answered, and neither its run now nor its last run failed
         */
        boolean write(ByteBuf out, NamespaceAccess access) {
            if (failure != null) {
                ReplyEncoder.stat(out, node + ":result", "failed");
                ReplyEncoder.stat(out, node + ":error", failure);
                return false;
            }
            boolean well = true;
            for (Reply.Stat stat : lines) {
                String name = stat.name();
                int colon = name.indexOf(':');
                if (access != null && colon > 0 && !access.mayRead(name.substring(0, colon))) {
                    continue;
                }
                if ((name.equals("result") || name.equals("last_result")) && stat.value().equals("failed")) {
                    well = false;
                }
                ReplyEncoder.stat(out, node + ":" + name, stat.value());
            }
            return well;
        }

        long number(String name) {
            for (Reply.Stat stat : lines) {
                if (stat.name().equals(name)) {
                    try {
                        return Long.parseLong(stat.value());
                    } catch (NumberFormatException e) {
                        return 0;
                    }
                }
            }
            return 0;
        }

        private static String words(LinkFailure failure) {
            return failure.kind().words() + ": " + failure.detail();
        }
    }
}
