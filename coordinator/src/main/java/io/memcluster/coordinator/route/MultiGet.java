package io.memcluster.coordinator.route;

import io.memcluster.coordinator.link.NodePool;
import io.memcluster.coordinator.link.ReplyCallback;
import io.memcluster.frontend.request.ReplySlot;
import io.memcluster.protocol.Command;
import io.memcluster.protocol.MetaStatus;
import io.memcluster.protocol.Reply;
import io.memcluster.protocol.ReplyEncoder;
import io.netty.buffer.ByteBuf;
import io.netty.channel.EventLoop;

/**
 * get, gets, gat and gats over any number of keys: each key read from its own replicas, all in
 * parallel, the hits answered in the order the client named the keys, then {@code END}. A key no
 * replica could answer fails the whole command with one {@code SERVER_ERROR}: a miss would be a
 * lie the application might act on. gat and gats set the new TTL on every replica that is up.
 */
final class MultiGet {

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
    private final Reply[] results;
    private int pending;
    private String unavailable;

    MultiGet(Cluster cluster, EventLoop loop, Command.Retrieval command, ReplySlot slot) {
        this.cluster = cluster;
        this.loop = loop;
        this.command = command;
        this.slot = slot;
        this.results = new Reply[command.keys().length];
    }

    void start() {
        byte[][] keys = command.keys();
        if (keys.length == 0) {
            // "gat 10" names no key: memcached answers an empty listing
            slot.out().writeBytes(ReplyEncoder.END);
            slot.complete();
            return;
        }
        pending = keys.length;
        for (int i = 0; i < keys.length; i++) {
            final int at = i;
            byte[] key = keys[i];
            Replicas replicas = cluster.replicasOf(key);
            Command read = NodeRequests.read(key, command.withCas(), command.touch(), command.exptime());
            new FailoverRead(cluster, loop, replicas, read, new FailoverRead.Outcome() {
                @Override
                public void read(Reply reply) {
                    results[at] = reply;
                    done();
                }

                @Override
                public void unavailable(String reasons) {
                    if (unavailable == null) {
                        unavailable = reasons;
                    }
                    done();
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

    private void done() {
        if (--pending > 0) {
            return;
        }
        ByteBuf out = slot.out();
        if (unavailable != null) {
            ReplyEncoder.line(out, "SERVER_ERROR no replica could be read" + unavailable);
            slot.complete();
            return;
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
}
