package io.memcluster.server.command;

import io.memcluster.frontend.request.ReplyStream;
import io.memcluster.protocol.Ascii;
import io.memcluster.protocol.ReplyEncoder;
import io.memcluster.server.store.Item;
import io.memcluster.server.store.Namespace;
import io.memcluster.server.store.Store;
import io.netty.buffer.ByteBuf;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.BitSet;
import java.util.function.Consumer;

/**
 * {@code memcluster digest_keys <namespace> <segments>}: the keys of some digest segments with
 * their versions, {@code DK <key> <version> <ttl> [b]} per live item, then {@code DT <key>
 * <version> [b]} per tombstone, then {@code END}; streamed as the client reads, in parts of about
 * {@link Metadump#PART_BYTES}, a few dozen items per segment lock, as a metadump is (and, as it,
 * a key stored meanwhile may or may not be listed). A coordinator lists only the segments whose
 * digests differ between replicas.
 */
final class DigestKeysListing implements ReplyStream.Producer {

    private static final byte[] DK = "DK ".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] DT = "DT ".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] BASE64 = " b".getBytes(StandardCharsets.US_ASCII);
    private static final int ITEMS_PER_LOCK = 64;
    private static final int ITEMS_PER_TURN = 4096;

    private final Store store;
    private final Namespace namespace;
    private final BitSet segments;
    private final Store.Scan scan;
    private final Consumer<Item> itemLine = this::itemLine;
    private final Store.TombstoneVisitor tombstoneLine = this::tombstoneLine;
    private boolean walkingItems;
    /** The store segment whose tombstones come next, once the items are listed. */
    private int tombstoneSegment;
    private ByteBuf part;
    private int visited;

    /** @param namespace null when the node has none of that name: only END */
    DigestKeysListing(Store store, Namespace namespace, BitSet segments) {
        this.store = store;
        this.namespace = namespace;
        this.segments = segments;
        this.scan = store.newScan();
        this.walkingItems = namespace != null;
        this.tombstoneSegment = namespace != null ? 0 : store.segmentCount();
    }

    @Override
    public void more(ReplyStream stream) {
        visited = 0;
        while (stream.ready()) {
            ByteBuf next = stream.alloc().ioBuffer(2 * Metadump.PART_BYTES);
            boolean over = fill(next);
            if (over) {
                ReplyEncoder.end(next);
                stream.write(next);
                stream.end();
                return;
            }
            stream.write(next);
            if (visited >= ITEMS_PER_TURN) {
                if (stream.ready()) {
                    stream.continueLater();
                }
                return;
            }
        }
    }

    @Override
    public void abandoned() {
        // nothing held: the walk takes no lock between its steps
    }

    /** Fills a part; true once everything is listed. */
    private boolean fill(ByteBuf into) {
        part = into;
        try {
            while (into.writerIndex() < Metadump.PART_BYTES && visited < ITEMS_PER_TURN) {
                if (walkingItems) {
                    walkingItems = store.scanLive(scan, ITEMS_PER_LOCK, itemLine);
                } else if (tombstoneSegment < store.segmentCount()) {
                    store.scanTombstones(tombstoneSegment++, namespace, segments, tombstoneLine);
                    visited += ITEMS_PER_LOCK;
                } else {
                    return true;
                }
            }
            return false;
        } finally {
            part = null;
        }
    }

    /** Under the segment's lock. */
    private void itemLine(Item it) {
        visited++;
        if (it.namespace() != namespace || (segments != null && !segments.get(it.digestSegment()))) {
            return;
        }
        part.writeBytes(DK);
        key(it.data(), it.keyLength(), it.binaryKey());
        part.writeByte(' ');
        Ascii.writeUnsigned(part, it.cas());
        part.writeByte(' ');
        Ascii.writeLong(part, store.ttlOf(it));
        if (it.binaryKey()) {
            part.writeBytes(BASE64);
        }
        part.writeShort(ReplyEncoder.CRLF);
    }

    /** Under the segment's lock. */
    private void tombstoneLine(byte[] key, boolean binaryKey, long version) {
        part.writeBytes(DT);
        key(key, key.length, binaryKey);
        part.writeByte(' ');
        Ascii.writeUnsigned(part, version);
        if (binaryKey) {
            part.writeBytes(BASE64);
        }
        part.writeShort(ReplyEncoder.CRLF);
    }

    private void key(byte[] data, int length, boolean base64) {
        if (base64) {
            byte[] key = java.util.Arrays.copyOf(data, length);
            part.writeBytes(Base64.getEncoder().encode(key));
        } else {
            part.writeBytes(data, 0, length);
        }
    }
}
