package io.memcluster.coordinator.route;

import io.memcluster.auth.Access;
import io.memcluster.auth.NamespaceAccess;
import io.memcluster.coordinator.link.LinkFailure;
import io.memcluster.coordinator.link.MetadumpConnection;
import io.memcluster.frontend.request.Crawler;
import io.memcluster.frontend.request.ReplyStream;
import io.memcluster.protocol.Command;
import io.memcluster.protocol.Reply;
import io.memcluster.protocol.ReplyEncoder;
import io.netty.buffer.ByteBuf;
import io.netty.channel.EventLoop;

/**
 * One {@code lru_crawler metadump} through the coordinator, streamed as the client reads: node by
 * node in ring order, each over a {@link MetadumpConnection} of its own that is read only while
 * the part being filled has room, and a part handed to the client's stream only when it is ready.
 * So what a dump holds is the stream's couple of parts, the one being filled and a read of the
 * node's connection, whatever the client does; a client that stops reading stops the node too.
 *
 * <p>A key is listed once: by the first of its replicas among the nodes that were up when the
 * dump began, whatever goes up or down meanwhile. If as many nodes as a key has replicas are
 * down at the start, some keys may have no replica to list them, and a node that fails during
 * the dump takes its keys with it: either way the listing ends with
 * {@code SERVER_ERROR metadump could not reach every node (...)} instead of {@code END}, so that
 * it never looks complete. What the first node answers instead of a listing ({@code BUSY} when
 * another dump holds its crawler, {@code BADCLASS ...}) is passed on as it is, while nothing is
 * listed yet.
 *
 * <p>The coordinator's {@link Crawler} is the dump's until it ends or its client leaves; each
 * node's crawler only while its connection is open. Everything runs on the client's event loop,
 * the node connections included.
 */
final class ClusterMetadump implements ReplyStream.Producer, MetadumpConnection.Listener {

    /** A part goes to the client once it holds this much (a little more: the last read's lines). */
    static final int PART_BYTES = 64 * 1024;
    private static final String INCOMPLETE = "SERVER_ERROR metadump could not reach every node";

    private final Cluster cluster;
    private final EventLoop loop;
    private final Command.LruCrawler command;
    private final NamespaceAccess access;
    private final boolean everything;
    private final Crawler crawler;
    /** The nodes up when the dump began, by pool index: those that list keys. */
    private final boolean[] listing;
    private final int[] scratch;
    private ReplyStream stream;
    /** The pool index of the node being listed; -1 before the first. */
    private int node = -1;
    private MetadumpConnection connection;
    private ByteBuf part;
    /** Whether a line was listed: a node's refusal after it cannot be passed on as the whole reply. */
    private boolean listedAny;
    /** The part holds the reply's last line. */
    private boolean ending;
    private boolean over;

    ClusterMetadump(Cluster cluster, EventLoop loop, Command.LruCrawler command, NamespaceAccess access,
            Crawler crawler) {
        this.cluster = cluster;
        this.loop = loop;
        this.command = command;
        this.access = access;
        this.everything = access.unrestricted();
        this.crawler = crawler;
        this.listing = new boolean[cluster.size()];
        this.scratch = new int[cluster.replicationFactor()];
    }

    @Override
    public void more(ReplyStream replies) {
        if (stream == null) {
            stream = replies;
            begin();
        }
        pump();
    }

    @Override
    public void abandoned() {
        if (connection != null) {
            connection.close();
            connection = null;
        }
        if (part != null) {
            part.release();
            part = null;
        }
        finish();
    }

    @Override
    public void line(Reply.KeyMetadata line) {
        if (cluster.firstReplicaAmong(line.key(), listing, scratch) != node
                || !(everything || access.may(line.key(), Access.READ))) {
            return;
        }
        ReplyEncoder.write(line, part());
        listedAny = true;
    }

    @Override
    public void readDone() {
        pump();
    }

    @Override
    public void ended(Reply last) {
        connection = null;
        if (last instanceof Reply.End) {
            nextNode();
        } else if (!listedAny) {
            ReplyEncoder.write(last, part());
            ending = true;
        } else {
            Reasons reasons = new Reasons();
            reasons.refused(cluster.pool(node));
            lastLine(INCOMPLETE + reasons.inParentheses());
        }
        pump();
    }

    @Override
    public void failed(LinkFailure failure) {
        connection = null;
        Reasons reasons = new Reasons();
        reasons.failed(failure);
        lastLine(INCOMPLETE + reasons.inParentheses());
        pump();
    }

    private void begin() {
        Reasons reasons = new Reasons();
        int down = 0;
        for (int i = 0; i < listing.length; i++) {
            listing[i] = cluster.pool(i).isUp();
            if (!listing[i]) {
                reasons.down(cluster.pool(i));
                down++;
            }
        }
        if (down >= cluster.replicationFactor()) {
            lastLine(INCOMPLETE + reasons.inParentheses());
            return;
        }
        nextNode();
    }

    /** The next node that lists keys, or END after the last. */
    private void nextNode() {
        do {
            node++;
        } while (node < listing.length && !listing[node]);
        if (node == listing.length) {
            ReplyEncoder.end(part());
            ending = true;
            return;
        }
        int opening = node;
        MetadumpConnection opened = cluster.pool(node).openMetadump(loop, command, this);
        // a connect that fails at once has been told already, and the dump has moved on
        if (node == opening && !ending) {
            connection = opened;
        }
    }

    /**
     * Hands the part to the client when it is full (or last) and the client can take it; reads
     * the node on while the part has room.
     */
    private void pump() {
        if (over || stream == null) {
            return;
        }
        if (part != null && (ending || part.writerIndex() >= PART_BYTES)) {
            if (!stream.ready()) {
                // more() comes when the socket has taken a part
                return;
            }
            ByteBuf full = part;
            part = null;
            stream.write(full);
            if (ending) {
                finish();
                stream.end();
                return;
            }
        }
        if (connection != null) {
            connection.read();
        }
    }

    private void lastLine(String line) {
        ReplyEncoder.line(part(), line);
        ending = true;
    }

    private ByteBuf part() {
        if (part == null) {
            part = stream.alloc().ioBuffer(2 * PART_BYTES);
        }
        return part;
    }

    private void finish() {
        if (!over) {
            over = true;
            crawler.finished();
        }
    }
}
