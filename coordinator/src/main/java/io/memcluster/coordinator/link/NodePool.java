package io.memcluster.coordinator.link;

import io.memcluster.protocol.Command;
import io.memcluster.time.Ticker;
import io.netty.channel.EventLoop;
import io.netty.channel.EventLoopGroup;
import io.netty.handler.ssl.SslContext;
import io.netty.util.concurrent.EventExecutor;
import io.netty.util.concurrent.Future;
import io.netty.util.concurrent.Promise;
import io.netty.util.concurrent.PromiseCombiner;
import io.netty.util.concurrent.ScheduledFuture;
import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Random;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;

/**
 * Every link to one node: one {@link NodeLink} per event loop of the coordinator's worker group,
 * so a client connection on loop L uses the link on L (no thread hop, and one client's requests
 * to a node stay in order on one FIFO connection); the node's {@link NodeHealth}; reconnecting
 * and probing.
 *
 * <p>Connecting every link is also what a probe does: each is a fresh connection, a TLS
 * handshake and a {@code version} answered. The node is up once all of them succeed; if one
 * fails, all are closed and the next probe is scheduled with backoff. A link that loses its
 * connection while the node is up is connected again at once; if that fails, the node is down.
 * When the node goes down every link is closed, so nothing waits on a node the router skips.
 *
 * <p>The decisions (probe rounds, their timers) run on one event loop of the group, the
 * "home" loop; the links report to it from theirs.
 */
public final class NodePool implements AutoCloseable {

    private final NodeAddress address;
    private final List<NodeLink> links;
    private final Map<EventLoop, NodeLink> byLoop;
    private final EventLoop home;
    private final NodeHealth health;
    /** For the connections of metadumps and slow requests, made as the links' are. */
    private final LinkConnector dumpConnector;
    private final LinkSettings settings;
    private final Ticker ticker;
    // on the home loop only:
    /** Bumped whenever the outcome of connects under way stops mattering (down, closed, a new round). */
    private int epoch;
    private boolean roundUnderWay;
    private ScheduledFuture<?> probeTimer;
    private boolean started;
    private volatile boolean closed;

    /**
     * @param tls      a client context (ClientTlsContexts.build with the coordinator's certificate),
     *                 or null for plaintext links
     * @param listener told when the node goes up or down
     */
    public NodePool(NodeAddress address, EventLoopGroup group, SslContext tls, LinkSettings settings, Ticker ticker,
            NodeHealth.Listener listener) {
        this(address, group, tls, settings, ticker, listener, new Random());
    }

    /** @param random the probes' jitter, fixed by tests */
    NodePool(NodeAddress address, EventLoopGroup group, SslContext tls, LinkSettings settings, Ticker ticker,
            NodeHealth.Listener listener, Random random) {
        this.address = Objects.requireNonNull(address, "address");
        this.health = new NodeHealth(address, settings, ticker, random, listener);
        this.dumpConnector = new LinkConnector(address, tls, settings);
        this.settings = settings;
        this.ticker = ticker;
        List<NodeLink> all = new ArrayList<>();
        Map<EventLoop, NodeLink> mapped = new IdentityHashMap<>();
        Events events = new Events();
        for (EventExecutor executor : group) {
            EventLoop loop = (EventLoop) executor;
            NodeLink link = new NodeLink(address, loop, tls, settings, ticker, events);
            all.add(link);
            mapped.put(loop, link);
        }
        if (all.isEmpty()) {
            throw new IllegalArgumentException("the event loop group of node " + address + " has no loops");
        }
        this.links = List.copyOf(all);
        this.byLoop = mapped;
        this.home = links.get(0).eventLoop();
    }

    public NodeAddress address() {
        return address;
    }

    private volatile boolean catchingUp;

    /**
     * The link for the caller's event loop; when not connected, its send fails at once with
     * NOT_CONNECTED. A loop outside the group gets one of the links, always the same one (its
     * sends hop to that link's loop).
     */
    public NodeLink linkFor(EventLoop loop) {
        NodeLink link = byLoop.get(loop);
        return link != null ? link : links.get(Math.floorMod(System.identityHashCode(loop), links.size()));
    }

    /**
     * A connection of its own for one {@code lru_crawler metadump}, on {@code loop} (the caller's),
     * with the links' TLS: read as the caller asks, closed when the listing ends (see
     * {@link MetadumpConnection}). Fails through the listener when the node cannot be reached.
     */
    public MetadumpConnection openMetadump(EventLoop loop, Command.LruCrawler command,
            MetadumpConnection.Listener listener) {
        return MetadumpConnection.open(dumpConnector, address, loop, ticker, settings, command, listener);
    }

    /**
     * One slow request ({@code memcluster snapshot}) on a connection of its own, on {@code loop}
     * (the caller's), waiting up to {@code timeout} for its reply; see {@link LoneRequest}. Its
     * outcome does not count towards the node's health.
     */
    public void sendAlone(EventLoop loop, Command command, java.time.Duration timeout, ReplyCallback callback) {
        String refusal = UnansweredCommands.whyRefused(Objects.requireNonNull(command, "command"));
        if (refusal != null) {
            throw new IllegalArgumentException(refusal);
        }
        LoneRequest.send(dumpConnector, address, loop, ticker, settings, timeout, command, callback);
    }

    public NodeHealth.State state() {
        return health.state();
    }

    public boolean isUp() {
        return health.isUp();
    }

    /**
     * Whether the node is comparing its data with its peers' and copying what it missed (see the
     * route package's {@code CatchUp}): it takes writes, but reads go to the other replicas first.
     */
    public boolean isCatchingUp() {
        return catchingUp;
    }

    public void setCatchingUp(boolean catchingUp) {
        this.catchingUp = catchingUp;
    }

    /** {@code up}, {@code down}, or {@code catching-up} for a node that is up and catching up. */
    public String stateWord() {
        return health.isUp() && catchingUp ? "catching-up" : health.state().word();
    }

    /** The node's health, for reports (its last probe failure, the next probe). */
    public NodeHealth health() {
        return health;
    }

    /** Connects every link; the node is up once each has connected, shaken hands and had {@code version} answered. */
    public void start() {
        onHome(() -> {
            if (!started && !closed) {
                started = true;
                connectAll();
            }
        });
    }

    /** Closes every link for good; what is in flight fails with CONNECTION_LOST. */
    @Override
    public void close() {
        closed = true;
        onHome(() -> {
            epoch++;
            if (probeTimer != null) {
                probeTimer.cancel(false);
                probeTimer = null;
            }
        });
        links.forEach(NodeLink::close);
    }

    /** A probe round, and the first connect at start. */
    private void connectAll() {
        int round = ++epoch;
        roundUnderWay = true;
        PromiseCombiner all = new PromiseCombiner(home);
        List<Future<String>> versions = new ArrayList<>(links.size());
        for (NodeLink link : links) {
            Future<String> connected = connect(link);
            versions.add(connected);
            all.add(connected);
        }
        Promise<Void> done = home.newPromise();
        done.addListener(outcome -> {
            if (closed || round != epoch) {
                return;
            }
            roundUnderWay = false;
            if (outcome.isSuccess()) {
                health.probeSucceeded("VERSION " + versions.get(0).getNow());
                reconnectLost();
            } else {
                health.probeFailed(reason(outcome.cause()));
                goDown();
            }
        });
        all.finish(done);
    }

    /** A link that lost its connection while the node is up: once, at once. */
    private void reconnect(NodeLink link) {
        if (closed || roundUnderWay || !health.isUp()) {
            return;
        }
        int current = epoch;
        connect(link).addListener(outcome -> {
            if (closed || current != epoch || outcome.isSuccess()) {
                return;
            }
            health.connectFailed(reason(outcome.cause()));
            goDown();
        });
    }

    /** Links whose connection was lost during a round came too early to be reconnected then. */
    private void reconnectLost() {
        for (NodeLink link : links) {
            if (!link.isActive()) {
                reconnect(link);
            }
        }
    }

    /** The node is down: close its links and probe it later. */
    private void goDown() {
        epoch++;
        roundUnderWay = false;
        for (NodeLink link : links) {
            link.onLoop(() -> link.disconnect("node " + address + " is down"));
        }
        if (closed || probeTimer != null) {
            return;
        }
        long delay = health.untilNextProbe().toNanos();
        probeTimer = home.schedule(() -> {
            probeTimer = null;
            if (!closed) {
                connectAll();
            }
        }, delay, TimeUnit.NANOSECONDS);
    }

    /** {@code link.connect()} on the link's loop, its outcome completed on the home loop. */
    private Future<String> connect(NodeLink link) {
        Promise<String> outcome = home.newPromise();
        link.onLoop(() -> link.connect().addListener((Future<String> connected) -> {
            if (connected.isSuccess()) {
                outcome.trySuccess(connected.getNow());
            } else {
                outcome.tryFailure(connected.cause());
            }
        }));
        return outcome;
    }

    private static String reason(Throwable cause) {
        return cause instanceof LinkFailure failure ? failure.detail() : LinkFailure.describe(cause);
    }

    private void onHome(Runnable task) {
        try {
            home.execute(task);
        } catch (RejectedExecutionException e) {
            // the group has stopped: there is nothing left to connect or to probe
        }
    }

    /** The links' reports: counted by the health, acted on at home. */
    private final class Events implements NodeLink.Events {
        @Override
        public void replied() {
            health.requestSucceeded();
        }

        @Override
        public void failed(NodeLink link, LinkFailure.Kind kind, int requests) {
            if (health.requestsFailed(kind, requests)) {
                onHome(NodePool.this::goDown);
            }
        }

        @Override
        public void disconnected(NodeLink link) {
            onHome(() -> reconnect(link));
        }
    }
}
