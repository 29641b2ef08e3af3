package io.memcluster.coordinator.route;

import io.memcluster.coordinator.link.NodePool;
import io.memcluster.coordinator.link.ReplyCallback;
import io.memcluster.frontend.request.ReplySlot;
import io.memcluster.protocol.Command;
import io.memcluster.protocol.MetaStatus;
import io.memcluster.protocol.Reply;
import io.memcluster.protocol.ReplyEncoder;
import io.netty.channel.EventLoop;

/**
 * get, gets, gat and gats over any number of keys: each key read from its own replicas, up to
 * {@link #WINDOW} at once, the hits written in the order the client named the keys as soon as
 * everything before them is written, then {@code END}. A reply that grows large pauses while the
 * client has more unread than the connection's high water mark, and no more keys are read
 * meanwhile: a line naming a large value a thousand times costs a window of values, not a
 * thousand. A key no replica could answer ends the listing with one {@code SERVER_ERROR} where
 * its value would be: a miss would be a lie the application might act on. gat and gats set the
 * new TTL on every replica that is up.
 */
final class MultiGet {

    /** Keys being read at once; the next is read as the earliest is written. */
    static final int WINDOW = 64;
    /** A value this large goes to the client from the array the node's reply arrived in. */
    static final int SHARED_VALUE_BYTES = 16 * 1024;
    /** How much is written between looks at whether the client keeps up. */
    static final int CHECK_EVERY_BYTES = 256 * 1024;

    private static final ReplyCallback IGNORED = new ReplyCallback() {
        @Override
        public void completed(Reply reply) {
        }

        @Override
        public void failed(io.memcluster.coordinator.link.LinkFailure failure) {
        }
    };

    private final Cluster cluster;
    private final EventLoop loop;
    private final Command.Retrieval command;
    private final ReplySlot slot;
    /** Each key's answer until it is written: a node's reply, or null. */
    private final Reply[] results;
    /** Why a key could not be read, or null. */
    private final String[] unavailable;
    private final boolean[] answered;
    private int issued;
    private int written;
    private int sinceCheck;
    private boolean paused;
    private boolean finished;

    MultiGet(Cluster cluster, EventLoop loop, Command.Retrieval command, ReplySlot slot) {
        this.cluster = cluster;
        this.loop = loop;
        this.command = command;
        this.slot = slot;
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

    /** Reads the next keys, as far as the window allows. */
    private void issue() {
        byte[][] keys = command.keys();
        while (!finished && issued < keys.length && issued - written < WINDOW) {
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
        System.err.println("DBG answered " + at + " paused=" + paused + " finished=" + finished);
        answered[at] = true;
        if (!paused && !finished) {
            drain();
        }
    }

    /** Writes what is answered, in order, from the earliest key not written yet. */
    private void drain() {
        byte[][] keys = command.keys();
        while (written < issued && answered[written]) {
            int at = written;
            Reply reply = results[at];
            if (unavailable[at] != null || !(reply instanceof Reply.Meta)) {
                // no replica could answer, or a node refused the key: the listing ends here
                if (unavailable[at] != null) {
                    ReplyEncoder.line(slot.out(), "SERVER_ERROR no replica could be read" + unavailable[at]);
                } else {
                    ReplyEncoder.write(reply, slot.out());
                }
                finish(false);
                return;
            }
            Reply.Meta meta = (Reply.Meta) reply;
            if (meta.status() == MetaStatus.VA) {
                write(keys[at], meta);
                sinceCheck += meta.data().length;
            }
            results[at] = null;
            written++;
            if (sinceCheck >= CHECK_EVERY_BYTES && written < keys.length) {
                sinceCheck = 0;
                if (slot.pauseIfBehind(this::resume)) {
                    paused = true;
                    return;
                }
            }
        }
        if (written == keys.length) {
            finish(true);
        } else {
            issue();
        }
    }

    private void resume() {
        System.err.println("DBG resume written=" + written + " issued=" + issued + " answered=" + java.util.Arrays.toString(answered));
        paused = false;
        if (!finished) {
            drain();
        }
    }

    private void write(byte[] key, Reply.Meta hit) {
        byte[] data = hit.data();
        if (data.length < SHARED_VALUE_BYTES) {
            ClassicReplies.value(key, hit, command.withCas(), slot.out());
            return;
        }
        ClassicReplies.valueHeader(key, hit, command.withCas(), slot.out());
        slot.writeShared(data, 0, data.length);
        slot.out().writeShort(ReplyEncoder.CRLF);
    }

    private void finish(boolean listed) {
        System.err.println("DBG finish " + listed);
        finished = true;
        if (listed) {
            slot.out().writeBytes(ReplyEncoder.END);
        }
        slot.complete();
    }
}
