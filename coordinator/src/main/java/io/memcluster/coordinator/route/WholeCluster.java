package io.memcluster.coordinator.route;

import io.memcluster.auth.NamespaceAccess;
import io.memcluster.frontend.request.Crawler;
import io.memcluster.frontend.request.ReplySlot;
import io.memcluster.protocol.Command;
import io.memcluster.protocol.Reply;
import io.memcluster.protocol.ReplyEncoder;
import io.memcluster.protocol.ReplyStatus;
import io.netty.buffer.ByteBuf;
import io.netty.channel.EventLoop;
import java.util.List;

/**
 * The commands that concern every node: flush_all, memcluster flush_namespace, cache_memlimit and
 * lru_crawler's metadump,
 * whose listing is the union over the nodes with each key once (see {@link ClusterMetadump}).
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

    /**
     * {@code memcluster flush_namespace}: every node empties the namespace (and drops its snapshot
     * file); {@code OK} only when every node did. Who may is the permission gate's to judge
     * (NAMESPACE_WRITE), before it gets here.
     */
    static void flushNamespace(Cluster cluster, EventLoop loop, Command.FlushNamespace c, ReplySlot slot) {
        Broadcast.send(cluster, loop, new Command.FlushNamespace(c.namespace(), false), answers -> {
            if (!c.noreply()) {
                everyNodeOk(answers, "flush_namespace", slot.out());
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

    /**
     * lru_crawler: metadump from every node as the client reads (see {@link ClusterMetadump}), one
     * at a time; the crawler's controls answered as a node does, a crawl with BUSY while a dump runs.
     */
    static void lruCrawler(Cluster cluster, Crawler crawler, EventLoop loop, String[] args, NamespaceAccess access,
            ReplySlot slot) {
        if (args.length == 2 && args[0].equals("metadump")) {
            if (!crawler.tryStart()) {
                ReplyEncoder.line(slot.out(), ReplyEncoder.CRAWLER_BUSY);
                slot.complete();
                return;
            }
            slot.stream(new ClusterMetadump(cluster, loop, new Command.LruCrawler(args), access, crawler));
            return;
        }
        String reply;
        if (args.length == 2 && args[0].equals("crawl")) {
            reply = crawler.running() ? ReplyEncoder.CRAWLER_BUSY : "OK";
        } else if ((args.length == 2 && (args[0].equals("sleep") || args[0].equals("tocrawl")))
                || (args.length == 1 && (args[0].equals("enable") || args[0].equals("disable")))) {
            reply = "OK";
        } else {
            reply = "ERROR";
        }
        ReplyEncoder.line(slot.out(), reply);
        slot.complete();
    }
}
