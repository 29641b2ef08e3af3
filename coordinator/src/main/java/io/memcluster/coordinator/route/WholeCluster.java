package io.memcluster.coordinator.route;

import io.memcluster.auth.Access;
import io.memcluster.auth.NamespaceAccess;
import io.memcluster.frontend.request.ReplySlot;
import io.memcluster.protocol.Command;
import io.memcluster.protocol.Reply;
import io.memcluster.protocol.ReplyEncoder;
import io.memcluster.protocol.ReplyStatus;
import io.netty.buffer.ByteBuf;
import io.netty.channel.EventLoop;
import java.util.List;

/**
 * The commands that concern every node: flush_all, cache_memlimit and lru_crawler's metadump,
 * whose listing is the union over the nodes with each key once (from its first replica that is
 * up, so that a key on R nodes is listed once without remembering every key listed).
 */
final class WholeCluster {

    private WholeCluster() {
    }

    static void flushAll(Cluster cluster, EventLoop loop, Command.FlushAll c, ReplySlot slot) {
        Broadcast.send(cluster, loop, new Command.FlushAll(c.delay(), false), answers -> {
            if (!c.noreply()) {
                everyNodeOk(answers, "flush_all", slot.out());
            }
            slot.complete();
        });
    }

    static void cacheMemlimit(Cluster cluster, EventLoop loop, Command.CacheMemlimit c, ReplySlot slot) {
        Broadcast.send(cluster, loop, new Command.CacheMemlimit(c.megabytes(), false), answers -> {
            if (!c.noreply()) {
                Reply refusal = null;
                for (Broadcast.Answer answer : answers) {
                    Reply last = answer.last();
                    if (last != null && !(last instanceof Reply.Status)) {
                        refusal = last;
                        break;
                    }
                }
                if (refusal != null) {
                    // MEMLIMIT_TOO_SMALL and the like: the same on every node, said once
                    ReplyEncoder.write(refusal, slot.out());
                } else {
                    everyNodeOk(answers, "cache_memlimit", slot.out());
                }
            }
            slot.complete();
        });
    }

    /** {@code OK} when every node answered it, else how many did. */
    private static void everyNodeOk(List<Broadcast.Answer> answers, String what, ByteBuf out) {
        int ok = 0;
        Reasons reasons = new Reasons();
        for (Broadcast.Answer answer : answers) {
            Reply last = answer.last();
            if (last instanceof Reply.Status status && status.status() == ReplyStatus.OK) {
                ok++;
            } else if (answer.skipped) {
                reasons.down(answer.node);
            } else if (answer.failure != null) {
                reasons.failed(answer.failure);
            } else {
                reasons.refused(answer.node);
            }
        }
        if (ok == answers.size()) {
            out.writeBytes(ReplyEncoder.OK);
        } else {
            ReplyEncoder.line(out, "SERVER_ERROR " + what + " reached " + ok + " of " + answers.size() + " nodes"
                    + reasons.inParentheses());
        }
    }

    /** lru_crawler: metadump from every node; the crawler's controls answered as a node does. */
    static void lruCrawler(Cluster cluster, EventLoop loop, String[] args, NamespaceAccess access, ReplySlot slot) {
        if (args.length == 2 && args[0].equals("metadump")) {
            Broadcast.send(cluster, loop, new Command.LruCrawler(args), answers -> {
                metadump(cluster, answers, access, slot.out());
                slot.complete();
            });
            return;
        }
        boolean control = (args.length == 2 && (args[0].equals("crawl") || args[0].equals("sleep")
                || args[0].equals("tocrawl"))) || (args.length == 1 && (args[0].equals("enable")
                || args[0].equals("disable")));
        ReplyEncoder.line(slot.out(), control ? "OK" : "ERROR");
        slot.complete();
    }

    private static void metadump(Cluster cluster, List<Broadcast.Answer> answers, NamespaceAccess access,
            ByteBuf out) {
        Reasons reasons = new Reasons();
        for (Broadcast.Answer answer : answers) {
            Reply last = answer.last();
            if (answer.failure != null) {
                reasons.failed(answer.failure);
            } else if (last instanceof Reply.Error) {
                ReplyEncoder.write(last, out);
                return;
            }
        }
        String missing = reasons.inParentheses();
        if (!missing.isEmpty()) {
            // a listing without a node's keys would look complete
            ReplyEncoder.line(out, "SERVER_ERROR metadump could not reach every node" + missing);
            return;
        }
        int[] scratch = new int[cluster.replicationFactor()];
        boolean everything = access.unrestricted();
        for (int node = 0; node < answers.size(); node++) {
            for (Reply element : answers.get(node).elements) {
                if (element instanceof Reply.KeyMetadata item && cluster.firstUpReplica(item.key(), scratch) == node
                        && (everything || access.may(item.key(), Access.READ))) {
                    ReplyEncoder.write(item, out);
                }
            }
        }
        ReplyEncoder.end(out);
    }
}
