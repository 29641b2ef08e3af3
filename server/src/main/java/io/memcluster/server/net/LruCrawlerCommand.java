package io.memcluster.server.net;

import io.memcluster.auth.Access;
import io.memcluster.auth.NamespaceAccess;
import io.memcluster.protocol.Ascii;
import io.memcluster.server.store.Item;
import io.memcluster.server.store.Store;
import io.netty.buffer.ByteBuf;
import java.nio.charset.StandardCharsets;

/**
 * {@code lru_crawler}: {@code metadump <classes|all|hash>} lists every live key with its
 * metadata, one line each in memcached's format (the coordinator compares replicas with it);
 * the crawler controls are accepted and answered as memcached answers them.
 */
final class LruCrawlerCommand {

    private static final byte[] HEX = "0123456789ABCDEF".getBytes(StandardCharsets.US_ASCII);

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
            out.writeCharSequence("END\r\n", StandardCharsets.US_ASCII);
        } else if (args.length == 2 && args[0].equals("crawl")) {
            Replies.line(out, "OK");
        } else if (args.length == 1 && (args[0].equals("enable") || args[0].equals("disable"))) {
            Replies.line(out, "OK");
        } else if (args.length == 2 && (args[0].equals("sleep") || args[0].equals("tocrawl"))) {
            Replies.line(out, "OK");
        } else {
            Replies.line(out, "ERROR");
        }
    }

    private static void writeLine(Store store, Item it, ByteBuf out) {
        out.writeCharSequence("key=", StandardCharsets.US_ASCII);
        urlEncode(it.data(), it.keyLength(), out);
        out.writeCharSequence(" exp=", StandardCharsets.US_ASCII);
        Ascii.writeLong(out, store.expiresAtUnix(it));
        out.writeCharSequence(" la=", StandardCharsets.US_ASCII);
        Ascii.writeLong(out, store.lastAccessUnix(it));
        out.writeCharSequence(" cas=", StandardCharsets.US_ASCII);
        Ascii.writeUnsigned(out, it.cas());
        out.writeCharSequence(store.fetched(it) ? " fetch=yes" : " fetch=no", StandardCharsets.US_ASCII);
        out.writeCharSequence(" cls=1 size=", StandardCharsets.US_ASCII);
        Ascii.writeLong(out, it.accountedSize());
        out.writeCharSequence(" flags=", StandardCharsets.US_ASCII);
        Ascii.writeUnsigned32(out, it.flags());
        out.writeByte('\n');
    }

    /** RFC 3986 percent-encoding of everything but unreserved characters, as memcached does. */
    static void urlEncode(byte[] key, int length, ByteBuf out) {
        for (int i = 0; i < length; i++) {
            int b = key[i] & 0xff;
            boolean unreserved = (b >= 'a' && b <= 'z') || (b >= 'A' && b <= 'Z') || (b >= '0' && b <= '9')
                    || b == '-' || b == '.' || b == '_' || b == '~';
            if (unreserved) {
                out.writeByte(b);
            } else {
                out.writeByte('%');
                out.writeByte(HEX[b >>> 4]);
                out.writeByte(HEX[b & 0xf]);
            }
        }
    }

}
