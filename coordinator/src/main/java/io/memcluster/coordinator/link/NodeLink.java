package io.memcluster.coordinator.link;

import io.memcluster.protocol.Command;
import io.memcluster.protocol.ReplyDecoder;
import io.memcluster.time.Ticker;
import io.netty.channel.Channel;
import io.netty.channel.EventLoop;
import io.netty.handler.ssl.SslContext;
import io.netty.util.concurrent.Future;
import java.util.Objects;
import java.util.concurrent.RejectedExecutionException;

/**
 * One connection to one node, confined to one event loop: requests are pipelined on it, many in
 * flight at once, and answered in order (see {@link InFlightQueue}). The link outlives its
 * connections: when one is lost, the {@link NodePool} connects it again and the same link
 * object serves on.
 *
 * <p>A connection is ready only when the node has answered {@code version} on it (see
 * {@link LinkConnector}).
 */
public final class NodeLink {

    /** What the link tells its pool; no-ops for a link on its own. */
    interface Events {
        Events NONE = new Events() {
        };

        /** A request got its complete reply. */
        default void replied() {
        }

        /** Every request in flight (at least one) failed with {@code kind}. */
        default void failed(NodeLink link, LinkFailure.Kind kind, int requests) {
        }

        /** A ready connection failed or closed, other than by {@link #close()} or the pool's own doing. */
        default void disconnected(NodeLink link) {
        }
    }

    private final NodeAddress node;
    private final EventLoop loop;
    private final LinkConnector connector;
    private final LinkSettings settings;
    private final Ticker ticker;
    private final Events events;
    /** The current connection's queue; null when there is none. Touched on the loop only. */
    private InFlightQueue queue;
    private Future<String> connecting;
    /** What the node answered to {@code version} on the current connection. */
    private String version;
    private volatile boolean ready;
    private volatile boolean closed;

    /** @param tls a client context for mutual TLS, or null for a plaintext link */
    NodeLink(NodeAddress node, EventLoop loop, SslContext tls, LinkSettings settings, Ticker ticker, Events events) {
        this.node = Objects.requireNonNull(node, "node");
        this.loop = Objects.requireNonNull(loop, "loop");
        this.settings = Objects.requireNonNull(settings, "settings");
        this.connector = new LinkConnector(node, tls, settings);
        this.ticker = Objects.requireNonNull(ticker, "ticker");
        this.events = Objects.requireNonNull(events, "events");
    }

    /**
     * A link over a channel that is already connected (and past any handshake), ready at once:
     * how the tests drive a link on an {@code EmbeddedChannel}. Call on the channel's loop.
     */
    static NodeLink over(Channel channel, NodeAddress node, LinkSettings settings, Ticker ticker, Events events) {
        NodeLink link = new NodeLink(node, channel.eventLoop(), null, settings, ticker, events);
        link.install(channel);
        link.ready = true;
        return link;
    }

    /**
     * Sends on the link's event loop (hopping there when called elsewhere). Fails at once
     * ({@link ReplyCallback#failed}) when the link is not connected or {@code maxInFlight}
     * requests are already waiting. Writes without flushing: one flush per event-loop turn covers
     * every request written during it.
     *
     * @throws IllegalArgumentException for a command that gets no reply (classic noreply, meta
     *                                  with the q flag, quit, shutdown): it would put the FIFO out of step
     */
    public void send(Command command, ReplyCallback callback) {
        Objects.requireNonNull(callback, "callback");
        String refusal = UnansweredCommands.whyRefused(Objects.requireNonNull(command, "command"));
        if (refusal != null) {
            throw new IllegalArgumentException(refusal);
        }
        if (loop.inEventLoop()) {
            sendHere(command, callback);
            return;
        }
        try {
            loop.execute(() -> sendHere(command, callback));
        } catch (RejectedExecutionException e) {
            // the loop is shutting down: nobody else will ever answer this callback
            callback.failed(new LinkFailure(LinkFailure.Kind.NOT_CONNECTED, node, "the event loop has stopped"));
        }
    }

    private void sendHere(Command command, ReplyCallback callback) {
        InFlightQueue current = queue;
        if (!ready || current == null) {
            callback.failed(new LinkFailure(LinkFailure.Kind.NOT_CONNECTED, node,
                    closed ? "the link is closed" : "no connection to the node"));
            return;
        }
        current.send(command, callback);
    }

    /** Whether a connection is up and the node answered on it; readable from any thread. */
    public boolean isActive() {
        return ready;
    }

    public EventLoop eventLoop() {
        return loop;
    }

    /** Requests waiting for replies; exact on the link's loop, a snapshot elsewhere. */
    public int inFlight() {
        InFlightQueue current = queue;
        return current == null ? 0 : current.size();
    }

    public NodeAddress address() {
        return node;
    }

    /** Closes for good: what is in flight fails with CONNECTION_LOST, later sends with NOT_CONNECTED. */
    public void close() {
        closed = true;
        onLoop(() -> disconnect("the link was closed"));
    }

    /** Package-visible for tests, which call it after advancing a ManualTicker. */
    void checkDeadlines() {
        if (queue != null) {
            queue.checkDeadlines();
        }
    }

    /**
     * Connects, shakes hands and asks {@code version} (see {@link LinkConnector}); completes with
     * the version the node answered, or fails with a {@link LinkFailure} saying why. Call on the
     * link's loop; returns the attempt under way if there is one.
     */
    Future<String> connect() {
        if (closed) {
            return loop.newFailedFuture(new LinkFailure(LinkFailure.Kind.NOT_CONNECTED, node, "the link is closed"));
        }
        if (connecting != null) {
            return connecting;
        }
        if (ready) {
            return loop.newSucceededFuture(version);
        }
        Future<String> attempt = connector.connect(loop, this::install);
        connecting = attempt;
        // the first listener: the link is ready before anyone else hears of it
        attempt.addListener((Future<String> done) -> {
            connecting = null;
            if (!done.isSuccess()) {
                return;
            }
            if (closed) {
                disconnect("the link was closed");
            } else {
                version = done.getNow();
                ready = true;
            }
        });
        return attempt;
    }

    /** Closes the current connection, if any; what is in flight fails with CONNECTION_LOST. */
    void disconnect(String why) {
        ready = false;
        if (queue != null) {
            queue.abandon(why);
        }
    }

    /** Runs on the link's loop, now if already there; dropped when the loop has stopped. */
    void onLoop(Runnable task) {
        if (loop.inEventLoop()) {
            task.run();
            return;
        }
        try {
            loop.execute(task);
        } catch (RejectedExecutionException e) {
            // the loop has stopped, and its channels with it
        }
    }

    /** The decoder and the FIFO, behind TLS if there is any. */
    private InFlightQueue install(Channel channel) {
        InFlightQueue fresh = new InFlightQueue(node, settings, ticker, new QueueEvents());
        queue = fresh;
        channel.pipeline().addLast("replies", new ReplyDecoder());
        channel.pipeline().addLast("in-flight", fresh);
        return fresh;
    }

    /** Passes the current queue's events on; those of a connection not yet ready are not the node's. */
    private final class QueueEvents implements InFlightQueue.Events {
        @Override
        public void replied() {
            // not the connect's own version: a node that answers only that is not healthy
            if (ready) {
                events.replied();
            }
        }

        @Override
        public void failed(LinkFailure.Kind kind, int requests) {
            if (ready) {
                events.failed(NodeLink.this, kind, requests);
            }
        }

        @Override
        public void ended(InFlightQueue ended) {
            if (ended != queue) {
                return;
            }
            queue = null;
            boolean wasReady = ready;
            ready = false;
            if (wasReady && !closed) {
                events.disconnected(NodeLink.this);
            }
        }
    }
}
