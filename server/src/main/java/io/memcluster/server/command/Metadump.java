package io.memcluster.server.command;

import io.memcluster.auth.Access;
import io.memcluster.auth.NamespaceAccess;
import io.memcluster.frontend.request.Crawler;
import io.memcluster.frontend.request.ReplyStream;
import io.memcluster.protocol.ReplyEncoder;
import io.memcluster.server.store.Item;
import io.memcluster.server.store.Store;
import io.netty.buffer.ByteBuf;
import java.util.function.Consumer;

/**
 * One {@code lru_crawler metadump}, streamed from the store as the client reads: each part is
 * about {@link #PART_BYTES} of lines, taken a few dozen items per segment lock (see
 * {@link Store#scanLive}), each line encoded straight into the part under the lock, so a dump
 * copies nothing of the store and allocates nothing per item. The stream asks for more only when
 * the socket has taken a part, so a dump holds at most {@link ReplyStream#MAX_UNWRITTEN} parts
 * (plus the one being filled) whatever its client does.
 *
 * <p>A key deleted before the walk reaches it is not listed; a key stored meanwhile may or may
 * not be; none is listed twice. The dump holds the node's {@link Crawler} until it ends or its
 * connection closes.
 */
final class Metadump implements ReplyStream.Producer {

    /** A part is handed to the channel once it holds this much (a little more: the last step's lines). */
    static final int PART_BYTES = 64 * 1024;
    /** Items looked at under one segment lock. */
    private static final int ITEMS_PER_LOCK = 64;
    /** Items looked at per turn of the event loop, listed or not, before the other connections get theirs. */
    private static final int ITEMS_PER_TURN = 4096;

    private final Store store;
    private final NamespaceAccess access;
    private final boolean everything;
    private final Crawler crawler;
    private final Store.Scan scan;
    private final Consumer<Item> line = this::line;
    /** Whether the walk has items left to visit: false at once for classes that hold none. */
    private boolean walking;
    /** The part being filled, only during {@link #fill}. */
    private ByteBuf part;
    private int visited;
    private boolean over;

    /** @param listsItems false for a dump of slab classes without ours (class 1): only END */
    Metadump(Store store, NamespaceAccess access, Crawler crawler, boolean listsItems) {
        this.store = store;
        this.access = access;
        this.everything = access.unrestricted();
        this.crawler = crawler;
        this.scan = store.newScan();
        this.walking = listsItems;
    }

    @Override
    public void more(ReplyStream stream) {
        visited = 0;
        while (stream.ready()) {
            ByteBuf next = stream.alloc().ioBuffer(2 * PART_BYTES);
            fill(next);
            if (!walking) {
                ReplyEncoder.end(next);
                stream.write(next);
                finish();
                stream.end();
                return;
            }
            stream.write(next);
            if (visited >= ITEMS_PER_TURN) {
                // enough for this turn (a reader allowed few keys may be far from its next one)
                if (stream.ready()) {
                    stream.continueLater();
                }
                return;
            }
        }
    }

    @Override
    public void abandoned() {
        finish();
    }

    private void fill(ByteBuf into) {
        part = into;
        try {
            while (walking && into.writerIndex() < PART_BYTES && visited < ITEMS_PER_TURN) {
                walking = store.scanLive(scan, ITEMS_PER_LOCK, line);
            }
        } finally {
            part = null;
        }
    }

    /** Under the segment's lock: one line for an item the client may read. */
    private void line(Item it) {
        visited++;
        if (everything || access.may(it.data(), it.keyLength(), Access.READ)) {
            ReplyEncoder.keyMetadata(part, it.data(), it.keyLength(), store.expiresAtUnix(it),
                    store.lastAccessUnix(it), it.cas(), store.fetched(it), it.accountedSize(), it.flags());
        }
    }

    private void finish() {
        if (!over) {
            over = true;
            crawler.finished();
        }
    }
}
