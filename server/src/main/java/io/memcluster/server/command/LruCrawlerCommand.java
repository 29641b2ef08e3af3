package io.memcluster.server.command;

import io.memcluster.auth.NamespaceAccess;
import io.memcluster.frontend.request.Crawler;
import io.memcluster.frontend.request.ReplySlot;
import io.memcluster.protocol.ReplyEncoder;

/**
 * {@code lru_crawler}: {@code metadump <all|hash|classes>} lists every live key with its
 * metadata, one line each in memcached's format (the coordinator compares replicas with it),
 * streamed as the client reads (see {@link Metadump}), one dump at a time per node (see
 * {@link Crawler}); the crawler controls are accepted and answered as memcached answers them.
 *
 * <p>The argument is judged as memcached 1.6.18's {@code lru_crawler_crawl} judges it: {@code all},
 * {@code hash}, or slab class ids 1-63 separated by commas (empty ones skipped). Every item of a
 * node is in class 1 ({@code cls=1}, as {@code stats items} shows), so a list naming class 1
 * lists every key and one without it lists none.
 */
final class LruCrawlerCommand {

    /** memcached's MAX_NUMBER_OF_SLAB_CLASSES: class ids are below it. */
    private static final int CLASS_LIMIT = 64;
    /** The slab class every item of a node is reported in. */
    private static final int OUR_CLASS = 1;

    /** What a metadump argument asks for. */
    enum Target {
        /** {@code all}, {@code hash}, or classes including ours. */
        EVERY_ITEM,
        /** Valid classes, none of them ours. */
        NO_ITEM,
        /** {@code BADCLASS invalid class id} */
        BAD_CLASS,
        /** Only commas: {@code NOTSTARTED no items to crawl} */
        NOTHING
    }

    private LruCrawlerCommand() {
    }

    /** @param access metadump lists only keys the client may read */
    static void run(NodeContext node, String[] args, NamespaceAccess access, ReplySlot slot) {
        Crawler crawler = node.crawler();
        if (args.length == 2 && args[0].equals("metadump")) {
            Target target = target(args[1]);
            switch (target) {
                case BAD_CLASS -> reply(slot, ReplyEncoder.CRAWLER_BAD_CLASS);
                case NOTHING -> reply(slot, ReplyEncoder.CRAWLER_NOT_STARTED);
                default -> {
                    if (!crawler.tryStart()) {
                        reply(slot, ReplyEncoder.CRAWLER_BUSY);
                        return;
                    }
                    slot.stream(new Metadump(node.store(), access, crawler, target == Target.EVERY_ITEM));
                }
            }
        } else if (args.length == 2 && args[0].equals("crawl")) {
            // there is nothing to start (the node reaps expired items on its own), but as memcached
            // a crawl is refused while a metadump runs
            reply(slot, crawler.running() ? ReplyEncoder.CRAWLER_BUSY : "OK");
        } else if (args.length == 1 && (args[0].equals("enable") || args[0].equals("disable"))) {
            reply(slot, "OK");
        } else if (args.length == 2 && (args[0].equals("sleep") || args[0].equals("tocrawl"))) {
            reply(slot, "OK");
        } else {
            reply(slot, "ERROR");
        }
    }

    /** What {@code lru_crawler metadump <argument>} asks for, as memcached 1.6.18 reads it. */
    static Target target(String argument) {
        if (argument.equals("all") || argument.equals("hash")) {
            return Target.EVERY_ITEM;
        }
        boolean any = false;
        boolean ours = false;
        for (String id : argument.split(",")) {
            if (id.isEmpty()) {
                continue;
            }
            int value = classId(id);
            if (value < OUR_CLASS || value >= CLASS_LIMIT) {
                return Target.BAD_CLASS;
            }
            any = true;
            ours |= value == OUR_CLASS;
        }
        if (!any) {
            return Target.NOTHING;
        }
        return ours ? Target.EVERY_ITEM : Target.NO_ITEM;
    }

    /** The id as strtoul reads a whole token (an optional +, decimal digits), or -1. */
    private static int classId(String id) {
        int from = id.charAt(0) == '+' ? 1 : 0;
        if (from == id.length()) {
            return -1;
        }
        long value = 0;
        for (int i = from; i < id.length(); i++) {
            char c = id.charAt(i);
            if (c < '0' || c > '9') {
                return -1;
            }
            value = value * 10 + (c - '0');
            if (value >= CLASS_LIMIT) {
                // no need to read on: too large already (and no overflow)
                return CLASS_LIMIT;
            }
        }
        return (int) value;
    }

    private static void reply(ReplySlot slot, String line) {
        ReplyEncoder.line(slot.out(), line);
        slot.complete();
    }
}
