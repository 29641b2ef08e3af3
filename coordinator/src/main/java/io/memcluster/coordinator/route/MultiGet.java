package io.memcluster.coordinator.route;

import io.memcluster.coordinator.link.LinkFailure;
import io.memcluster.coordinator.link.NodePool;
import io.memcluster.coordinator.link.ReplyCallback;
import io.memcluster.frontend.request.ReplySlot;
import io.memcluster.frontend.request.ReplyStream;
import io.memcluster.protocol.Command;
import io.memcluster.protocol.MetaStatus;
import io.memcluster.protocol.Reply;
import io.memcluster.protocol.ReplyEncoder;
import io.netty.buffer.ByteBuf;
import io.netty.channel.EventLoop;

/**
 * get, gets, gat and gats over any number of keys: each key read from its own replicas, the hits
 * answered in the order the client named the keys, then {@code END}. gat and gats set the new TTL
 * on every replica that is up.
 *
 * <p>Keys are read in parallel, but only so many at once: {@link #FIRST_WINDOW} until one has
 * answered, then at most {@link #MAX_IN_FLIGHT}, fewer once large values show up, and none while {@link #HOLD_BYTES} of values wait to be written. A
 * reply that stays under {@link #STREAM_ABOVE} is built whole, and a key no replica could answer
 * fails it with one {@code SERVER_ERROR} (a miss would be a lie the application might act on).
 * A larger one streams as the client reads ({@link ReplyStream}), values of
 * {@link ReplyEncoder#SHARE_VALUES_FROM} bytes or more sent from the array the node's reply arrived in; a key no
 * replica could answer then ends the listing with the {@code SERVER_ERROR} where its value would
 * be, and no {@code END}. So a line naming a 512 KiB value 2,000 times costs the coordinator a few
 * values, not a gigabyte.
 */
final class MultiGet implements ReplyStream.Producer {

    /** Keys read at once while values are small. */
    static final int MAX_IN_FLIGHT = 64;
    /** Keys read at once before any value's size is known: a first window of large values costs that many. */
    static final int FIRST_WINDOW = 4;
    /** Bytes of values read and not yet written beyond which no more keys are read. */
    static final int HOLD_BYTES = 256 * 1024;
    /** A reply whose values would pass this streams. */
    static final int STREAM_ABOVE = 64 * 1024;
    /** A part of a streamed reply is handed to the channel once it holds this much. */
    static final int PART_BYTES = 64 * 1024;

    private static final ReplyCallback IGNORED = new ReplyCallback() {
        @Override
        public void completed(Reply reply) {
        }

        @Override
        public void failed(LinkFailure failure) {
        }
    };

    private final Cluster cluster;
    private final EventLoop loop;
    private final Command.Retrieval command;
    private final ReplySlot slot;
    private final ReadBudget budget;
    /** Each key's answer until it is written: a node's reply, or null. */
    private final Reply[] results;
    /** Why each key could not be read, or null. */
    private final String[] unavailable;
    private final boolean[] answered;
    private int issued;
    private int answeredCount;
    /** Keys whose answer is written (streaming) or taken into account (a whole reply). */
    private int written;
    private long heldBytes;
    private int largestValue;
    /** Once the reply is a stream: null until the stream begins. */
    private boolean streaming;
    private ReplyStream stream;
    private boolean finished;

    /** @param budget told the size of each value read, for how many reads the connection may have out */
    MultiGet(Cluster cluster, EventLoop loop, Command.Retrieval command, ReplySlot slot, ReadBudget budget) {
        this.cluster = cluster;
        this.loop = loop;
        this.command = command;
        this.slot = slot;
        this.budget = budget;
        int keys = command.keys().length;
        this.results = new Reply[keys];
        this.unavailable = new String[keys];
        this.answered = new boolean[keys];
    }

    void start() {
        if (command.keys().length == 0) {
            // "gat 10" names no key: memcached answers an empty listing
            slot.out().writeBytes(ReplyEncoder.END);
            slot.complete();
            return;
        }
        issue();
    }

    /** Keys read at once: fewer as values grow, so that a window of them stays near {@link #HOLD_BYTES}. */
    private int window() {
        if (answeredCount == 0) {
            return FIRST_WINDOW;
        }
        return Math.max(1, Math.min(MAX_IN_FLIGHT, HOLD_BYTES / Math.max(1, largestValue)));
    }

    /** Reads the next keys, as far as the window and the bytes held allow. */
    private void issue() {
        byte[][] keys = command.keys();
        while (!finished && issued < keys.length && issued - answeredCount < window() && heldBytes < HOLD_BYTES) {
            int at = issued++;
            byte[] key = keys[at];
            Replicas replicas = cluster.replicasOf(key);
            Command read = NodeRequests.read(key, command.withCas(), command.touch(), command.exptime());
            new FailoverRead(cluster, loop, replicas, read, new FailoverRead.Outcome() {
                @Override
                public void read(Reply reply) {
                    results[at] = reply;
                    answered(at);
                }

                @Override
                public void unavailable(String reasons) {
                    unavailable[at] = reasons;
                    answered(at);
                }
            }).start();
            if (command.touch()) {
                touchOthers(key, replicas);
            }
        }
    }

    /** The replicas after the first that is up (the one read) get the new TTL too. */
    private void touchOthers(byte[] key, Replicas replicas) {
        boolean skippedRead = false;
        Command touch = null;
        for (int i = 0; i < replicas.count(); i++) {
            NodePool pool = cluster.pool(replicas.node(i));
            if (!pool.isUp()) {
                continue;
            }
            if (!skippedRead) {
                skippedRead = true;
                continue;
            }
            if (touch == null) {
                touch = NodeRequests.touch(key, command.exptime(), false);
            }
            pool.linkFor(loop).send(touch, IGNORED);
        }
    }

    private void answered(int at) {
        answered[at] = true;
        answeredCount++;
        if (finished) {
            results[at] = null;
            return;
        }
        if (results[at] instanceof Reply.Meta meta && meta.status() == MetaStatus.VA) {
            int length = meta.data().length;
            heldBytes += length;
            largestValue = Math.max(largestValue, length);
            budget.sawValue(length);
        }
        if (!streaming && heldBytes > STREAM_ABOVE) {
            streaming = true;
            slot.stream(this);
        }
        if (streaming) {
            if (stream != null && stream.ready()) {
                writeParts();
            }
        } else if (answeredCount == command.keys().length) {
            writeWhole();
            return;
        }
        issue();
    }

    /** Every key answered and the reply small: all hits then END, or the one error instead. */
    private void writeWhole() {
        finished = true;
        ByteBuf out = slot.out();
        for (int i = 0; i < results.length; i++) {
            if (unavailable[i] != null) {
                ReplyEncoder.line(out, "SERVER_ERROR no replica could be read" + unavailable[i]);
                slot.complete();
                return;
            }
        }
        for (Reply reply : results) {
            if (!(reply instanceof Reply.Meta)) {
                // a node's error line (a key it refused): the client hears it instead of a listing
                ReplyEncoder.write(reply, out);
                slot.complete();
                return;
            }
        }
        byte[][] keys = command.keys();
        for (int i = 0; i < keys.length; i++) {
            Reply.Meta meta = (Reply.Meta) results[i];
            if (meta.status() == MetaStatus.VA) {
                ClassicReplies.value(keys[i], meta, command.withCas(), out);
            }
        }
        out.writeBytes(ReplyEncoder.END);
        slot.complete();
    }

    @Override
    public void more(ReplyStream begun) {
        stream = begun;
        if (!finished) {
            writeParts();
            issue();
        }
    }

    @Override
    public void abandoned() {
        finished = true;
        java.util.Arrays.fill(results, null);
    }

    /** Streaming: the answered keys from the earliest not written, in parts, while the socket takes them. */
    private void writeParts() {
        byte[][] keys = command.keys();
        while (stream.ready() && written < issued && answered[written]) {
            ByteBuf part = stream.alloc().ioBuffer(PART_BYTES + 1024);
            ByteBuf shared = null;
            while (written < issued && answered[written]) {
                int at = written;
                Reply reply = results[at];
                results[at] = null;
                written++;
                if (unavailable[at] != null || !(reply instanceof Reply.Meta meta)) {
                    // no replica could answer, or a node refused the key: the listing ends here
                    if (unavailable[at] != null) {
                        ReplyEncoder.line(part, "SERVER_ERROR no replica could be read" + unavailable[at]);
                    } else {
                        ReplyEncoder.write(reply, part);
                    }
                    end(part);
                    return;
                }
                if (meta.status() != MetaStatus.VA) {
                    continue;
                }
                byte[] data = meta.data();
                heldBytes -= data.length;
                if (data.length >= ReplyEncoder.SHARE_VALUES_FROM) {
                    ClassicReplies.valueHeader(keys[at], meta, command.withCas(), part);
                    shared = ReplyEncoder.withSharedValue(part, data, 0, data.length);
                    break;
                }
                ClassicReplies.value(keys[at], meta, command.withCas(), part);
                if (part.writerIndex() >= PART_BYTES) {
                    break;
                }
            }
            ByteBuf next = shared != null ? shared : part;
            if (written == keys.length) {
                end(ReplyEncoder.withEnd(next));
                return;
            }
            stream.write(next);
        }
    }

    private void end(ByteBuf last) {
        finished = true;
        stream.write(last);
        stream.end();
    }
}
