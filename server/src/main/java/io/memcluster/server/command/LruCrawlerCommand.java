package io.memcluster.server.command;

import io.memcluster.auth.Access;
import io.memcluster.auth.NamespaceAccess;
import io.memcluster.protocol.ReplyEncoder;
import io.memcluster.server.store.Item;
import io.memcluster.server.store.Store;
import io.netty.buffer.ByteBuf;

/**
 * {@code lru_crawler}: {@code metadump <classes|all|hash>} lists every live key with its
 * metadata, one line each in memcached's format (the coordinator compares replicas with it);
 * the crawler controls are accepted and answered as memcached answers them.
 */
final class LruCrawlerCommand {

    private LruCrawlerCommand() {
    }

    /** @param access metadump lists only keys the client may read */
    static void run(Store store, String[] args, NamespaceAccess access, ByteBuf out) {
        if (args.length == 2 && args[0].equals("metadump")) {
            boolean everything = access.unrestricted();
            store.forEachLive(it -> {
                if (everything || access.may(it.data(), it.keyLength(), Access.READ)) {
                    writeLine(store, it, out);
                }
            });
            ReplyEncoder.end(out);
        } else if (args.length == 2 && args[0].equals("crawl")) {
            ReplyEncoder.line(out, "OK");
        } else if (args.length == 1 && (args[0].equals("enable") || args[0].equals("disable"))) {
            ReplyEncoder.line(out, "OK");
        } else if (args.length == 2 && (args[0].equals("sleep") || args[0].equals("tocrawl"))) {
            ReplyEncoder.line(out, "OK");
        } else {
            ReplyEncoder.line(out, "ERROR");
        }
    }

    private static void writeLine(Store store, Item it, ByteBuf out) {
        ReplyEncoder.keyMetadata(out, it.data(), it.keyLength(), store.expiresAtUnix(it), store.lastAccessUnix(it),
                it.cas(), store.fetched(it), it.accountedSize(), it.flags());
    }
}
