package io.memcluster.server.command;

import io.memcluster.frontend.request.ReplyStream;
import io.memcluster.protocol.Command;
import io.memcluster.protocol.ReplyEncoder;
import io.memcluster.server.stats.CommandStats;
import io.memcluster.server.store.Item;
import io.memcluster.server.store.Store;
import io.netty.buffer.ByteBuf;

/**
 * The lookups of get, gets, gat and gats, and the rest of a reply too large to build whole,
 * streamed as the client reads.
 *
 * <p>memcached writes a value from its item without copying and stops reading from a client
 * whose replies pile up; a node did neither, and a 5 KB line naming a 512 KiB value 2,000 times
 * built a gigabyte on the event loop. Now the rest of such a reply goes out in parts of about
 * {@link #PART_BYTES}, paced by the socket ({@link ReplyStream}: two parts unwritten at most): small
 * values are copied into a part, a value of {@link ReplyEncoder#SHARE_VALUES_FROM} bytes or more is sent from the
 * item's own array (items never change once stored, an update stores a new array). The commands
 * after it wait meanwhile, so a client that does not read holds a couple of parts.
 */
final class Retrieval {

    /** A reply that would grow past this streams from there on. */
    static final int STREAM_ABOVE = 128 * 1024;
    /** A part is handed to the channel once it holds this much. */
    static final int PART_BYTES = 64 * 1024;
    /** Keys looked up per turn of the event loop (misses write nothing), before other connections get theirs. */
    private static final int KEYS_PER_TURN = 4096;

    private final Store store;
    private final CommandStats stats;

    Retrieval(Store store, CommandStats stats) {
        this.store = store;
        this.stats = stats;
    }

    /** One key of a retrieval, counted as memcached counts it; null on a miss. */
    Item lookUp(Command.Retrieval c, byte[] key) {
        Item it;
        if (c.touch()) {
            stats.cmdTouch.increment();
            it = store.touch(key, c.exptime());
            (it != null ? stats.touchHits : stats.touchMisses).increment();
        } else {
            stats.cmdGet.increment();
            it = store.get(key);
            (it != null ? stats.getHits : stats.getMisses).increment();
        }
        return it;
    }

    /** The rest of {@code c}'s reply from key {@code at}, already looked up as {@code found}. */
    ReplyStream.Producer streamFrom(Command.Retrieval c, int at, Item found) {
        return new Rest(c, at, found);
    }

    /** The stream of one reply's rest. */
    private final class Rest implements ReplyStream.Producer {
        private final Command.Retrieval command;
        /** The next key to look up. */
        private int next;
        /** A hit looked up and not written yet. */
        private Item pending;

        Rest(Command.Retrieval command, int at, Item found) {
            this.command = command;
            this.next = at + 1;
            this.pending = found;
        }

        @Override
        public void more(ReplyStream stream) {
            byte[][] keys = command.keys();
            int looked = 0;
            while (stream.ready()) {
                ByteBuf part = stream.alloc().ioBuffer(PART_BYTES + 1024);
                ByteBuf shared = null;
                while (pending != null || (next < keys.length && looked < KEYS_PER_TURN)) {
                    Item it = pending;
                    pending = null;
                    if (it == null) {
                        looked++;
                        it = lookUp(command, keys[next++]);
                        if (it == null) {
                            continue;
                        }
                    }
                    if (it.valueLength() >= ReplyEncoder.SHARE_VALUES_FROM) {
                        shared = shared(it, part);
                        break;
                    }
                    ReplyEncoder.value(part, it.data(), 0, it.keyLength(), it.flags(), it.data(), it.valueOffset(),
                            it.valueLength(), command.withCas(), it.cas());
                    if (part.writerIndex() >= PART_BYTES) {
                        break;
                    }
                }
                boolean last = pending == null && next == keys.length;
                if (last) {
                    if (shared == null) {
                        part.writeBytes(ReplyEncoder.END);
                    } else {
                        shared = ReplyEncoder.withEnd(shared);
                    }
                }
                stream.write(shared != null ? shared : part);
                if (last) {
                    stream.end();
                    return;
                }
                if (looked >= KEYS_PER_TURN) {
                    if (stream.ready()) {
                        stream.continueLater();
                    }
                    return;
                }
            }
        }

        /** What is in {@code part}, then the item's value from its own array, then its CRLF. */
        private ByteBuf shared(Item it, ByteBuf part) {
            ReplyEncoder.valueHeader(part, it.data(), 0, it.keyLength(), it.flags(), it.valueLength(),
                    command.withCas(), it.cas());
            return ReplyEncoder.withSharedValue(part, it.data(), it.valueOffset(), it.valueLength());
        }

        @Override
        public void abandoned() {
            pending = null;
        }
    }
}
