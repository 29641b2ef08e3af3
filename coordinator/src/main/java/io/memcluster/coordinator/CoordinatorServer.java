package io.memcluster.coordinator;

import io.memcluster.certs.CertificateFiles;
import io.memcluster.config.ClusterConfig;
import io.memcluster.config.ClusterMember;
import io.memcluster.config.CoordinatorConfig;
import io.memcluster.config.Durations;
import io.memcluster.config.MemclusterConfig;
import io.memcluster.config.NodeConfig;
import io.memcluster.config.Sizes;
import io.memcluster.config.TlsConfig;
import io.memcluster.coordinator.hint.HintedHandoff;
import io.memcluster.coordinator.hint.ReplayPace;
import io.memcluster.coordinator.link.HealthLog;
import io.memcluster.coordinator.link.LinkSettings;
import io.memcluster.coordinator.link.NodeAddress;
import io.memcluster.coordinator.link.NodeHealth;
import io.memcluster.coordinator.link.NodePool;
import io.memcluster.coordinator.ring.HashRing;
import io.memcluster.coordinator.ring.RingNode;
import io.memcluster.coordinator.route.CatchUp;
import io.memcluster.coordinator.route.Cluster;
import io.memcluster.coordinator.route.CoordinatorContext;
import io.memcluster.coordinator.route.RoutingExecutor;
import io.memcluster.coordinator.lifecycle.DataLayout;
import io.memcluster.coordinator.version.HybridClock;
import io.memcluster.coordinator.version.NodeVersions;
import io.memcluster.coordinator.version.VersionBound;
import io.memcluster.frontend.Frontend;
import io.memcluster.frontend.FrontendConfig;
import io.memcluster.frontend.net.ConnectionRegistry;
import io.memcluster.frontend.request.Crawler;
import io.memcluster.frontend.security.SecurityReloader;
import io.memcluster.frontend.security.StartException;
import io.memcluster.protocol.ServerVersion;
import io.memcluster.time.Clock;
import io.memcluster.time.Ticker;
import io.memcluster.tls.ClientTlsContexts;
import io.netty.handler.ssl.JdkSslContext;
import io.netty.handler.ssl.SslContext;
import io.netty.handler.ssl.SslProvider;
import io.netty.util.ReferenceCountUtil;
import io.netty.util.concurrent.DefaultThreadFactory;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A running coordinator: the shared front end (listeners, TLS, logins, permissions) with the
 * router behind it, and a pool of links to every node of the cluster.
 */
public final class CoordinatorServer implements AutoCloseable {

    public static final String VERSION = ServerVersion.VERSION;

    /** How long a start waits for the nodes before serving anyway (a node down is then routed around). */
    static final Duration NODES_WAIT = Duration.ofSeconds(10);

    /** At least this long for each node to report its highest version at a start. */
    static final Duration RECOVERY_TIMEOUT = Duration.ofSeconds(2);
    /** How long a node may take to list a digest's keys (a batch of about 50,000 per node). */
    static final Duration CATCH_UP_TIMEOUT = Duration.ofSeconds(30);
    /** Every pair of nodes compared this often, besides when a node comes back. */
    static final Duration CATCH_UP_INTERVAL = Duration.ofHours(1);
    /** What the nodes keep tombstones for (their default): a node away longer is refilled, not merged. */
    static final long TOMBSTONE_RETENTION_SECONDS = 24 * 60 * 60;

    private static final Logger log = LoggerFactory.getLogger(CoordinatorServer.class);

    private final MemclusterConfig config;
    private final Clock clock;
    private final Ticker ticker;
    private final SslProvider tlsProvider;
    private final Frontend frontend;
    private final CountDownLatch stopped = new CountDownLatch(1);
    private final List<NodePool> pools = new ArrayList<>();
    private SslContext linkTls;
    private Cluster cluster;
    private HintedHandoff hints;
    private VersionBound bound;
    private ScheduledExecutorService boundKeeper;
    private CatchUp catchUp;
    private volatile boolean boundFailing;
    private boolean started;

    public CoordinatorServer(MemclusterConfig config, Clock clock, Ticker ticker, SslProvider tlsProvider,
            PrintStream console) {
        this.config = config;
        this.clock = clock;
        this.ticker = ticker;
        this.tlsProvider = tlsProvider;
        this.frontend = new Frontend(frontendConfig(config), clock, tlsProvider, console);
    }

    /** The coordinator's listeners as the front end takes them: its own ports, the shared tls and auth. */
    static FrontendConfig frontendConfig(MemclusterConfig config) {
        NodeConfig node = config.node();
        CoordinatorConfig c = config.coordinator();
        return new FrontendConfig("coordinator", c.bind(), c.port(), config.coordinatorPlain(), c.maxConnections(),
                c.threads(), c.idleTimeout(), node.maxItemSize(), node.dataDir(), node.tls(), node.auth());
    }

    /**
     * @param nodesTls whether the links to the nodes use mutual TLS with the coordinator's client
     *                 certificate (as every node started by the coordinator requires); false only for
     *                 nodes on a trusted network without TLS, and tests
     * @throws StartException when certificates, users or the link certificate cannot be used
     */
    public CoordinatorServer start(boolean nodesTls) throws StartException, InterruptedException {
        frontend.open();
        if (nodesTls) {
            linkTls = linkContext(tlsProvider);
        }
        ClusterConfig clusterConfig = config.cluster();
        LinkSettings settings = LinkSettings.defaults().withRequestTimeout(clusterConfig.requestTimeout());
        HealthLog healthLog = new HealthLog();
        Set<String> everUp = ConcurrentHashMap.newKeySet();
        CountDownLatch allUp = new CountDownLatch(clusterConfig.members().size());
        List<String> names = new ArrayList<>();
        clusterConfig.members().forEach(member -> names.add(member.name()));
        AtomicReference<CatchUp> catchUpRuns = new AtomicReference<>();
        // a lost hint (dropped, expired, refused) means the node's copy can only be mended by digest
        hints = new HintedHandoff(names, clusterConfig.hints(), clock, ticker, ReplayPace.DEFAULT,
                node -> {
                    CatchUp runs = catchUpRuns.get();
                    if (runs != null) {
                        runs.everyPair("hints lost for node " + node);
                    }
                });
        HintedHandoff handoff = hints;
        NodeHealth.Listener health = (node, state, reason) -> {
            healthLog.changed(node, state, reason);
            handoff.nodeChanged(node.name(), state);
            boolean first = state == NodeHealth.State.UP && everUp.add(node.name());
            if (first) {
                allUp.countDown();
            }
            CatchUp runs = catchUpRuns.get();
            if (runs != null && state == NodeHealth.State.UP) {
                runs.nodeUp(node.name(), first ? "coordinator start" : "back up");
            } else if (runs != null) {
                runs.nodeDown(node.name());
            }
        };
        List<RingNode> ringNodes = new ArrayList<>();
        for (ClusterMember member : clusterConfig.members()) {
            pools.add(new NodePool(new NodeAddress(member.name(), member.host(), member.port()), frontend.workers(),
                    linkTls, settings, ticker, health));
            ringNodes.add(new RingNode(member.name(), member.weight()));
        }
        cluster = new Cluster(new HashRing(ringNodes), pools, clusterConfig.replicationFactor(),
                clusterConfig.writePolicy(), new HybridClock(clock, config.coordinator().id(), clusterConfig.maxClockSkew()),
                hints);
        hints.attach(pools, frontend.workers());
        catchUp = new CatchUp(cluster, frontend.workers().next(), clock, CATCH_UP_TIMEOUT,
                Duration.ofSeconds(TOMBSTONE_RETENTION_SECONDS));
        cluster.attach(catchUp);
        catchUpRuns.set(catchUp);
        catchUp.scheduleEvery(CATCH_UP_INTERVAL);
        pools.forEach(NodePool::start);
        awaitNodes(allUp);
        recoverVersions(nodesTls, clusterConfig.requestTimeout());
        NodeConfig node = config.node();
        CoordinatorConfig c = config.coordinator();
        CoordinatorContext context = new CoordinatorContext(cluster, VERSION, frontend.stats(), frontend.connections(),
                frontend.userAdministration(), new CoordinatorContext.Settings(c.bind(), c.port(), c.maxConnections(),
                        c.threads(), node.maxItemSize(), c.idleTimeout().toSeconds(), node.auth().enabled(),
                        node.tls().enabled()), clock, clock.seconds(), new Crawler());
        // half the connection buffers for values on their way to the nodes, the rest for replies and reads
        frontend.listen(RoutingExecutor.factory(context, c.connectionBuffers() / 2));
        started = true;
        log.info("memcluster coordinator {} listening on {}:{} ({}){}, {} nodes, replication factor {}, write policy {},"
                + " hints {}", VERSION, c.bind(), frontend.port(), node.tls().enabled() ? "TLS" : "plaintext",
                frontend.plainPort() > 0 ? ", plaintext on " + frontend.plainPort() : "", pools.size(),
                cluster.replicationFactor(), clusterConfig.writePolicy().word(), hintsWords(clusterConfig));
        return this;
    }

    /**
     * Before serving: versions start above the bound the previous run persisted and above the
     * highest version each node that is up reports; then the bound is persisted every second.
     */
    private void recoverVersions(boolean nodesTls, Duration requestTimeout) throws StartException,
            InterruptedException {
        HybridClock versions = cluster.versions();
        bound = new VersionBound(new DataLayout(config.node().dataDir()).versionBoundFile(), clock, versions);
        try {
            bound.recover();
        } catch (IOException e) {
            throw new StartException("cannot read the versions' bound: " + e.getMessage(), e);
        }
        List<NodeVersions.Node> up = new ArrayList<>();
        for (NodePool pool : pools) {
            if (pool.isUp()) {
                up.add(new NodeVersions.Node(pool.address().name(), pool.address().host(), pool.address().port()));
            }
        }
        Duration timeout = requestTimeout.compareTo(RECOVERY_TIMEOUT) > 0 ? requestTimeout : RECOVERY_TIMEOUT;
        int reported = 0;
        for (NodeVersions.Answer answer : new NodeVersions(nodesTls ? jdkLinkContext() : null, timeout).ask(up)) {
            if (answer.maxVersion().isPresent()) {
                versions.observe(answer.maxVersion().getAsLong(), "node " + answer.node().name());
                reported++;
            }
        }
        persistBound();
        boundKeeper = Executors.newSingleThreadScheduledExecutor(new DefaultThreadFactory("version-bound", true));
        long every = VersionBound.INTERVAL.toMillis();
        boundKeeper.scheduleWithFixedDelay(this::persistBound, every, every, TimeUnit.MILLISECONDS);
        log.info("versions start above {} (coordinator.id {}, {} of {} nodes reported theirs)",
                Long.toUnsignedString(versions.last()), versions.id(), reported, pools.size());
    }

    private static String hintsWords(ClusterConfig cluster) {
        return cluster.hints().enabled()
                ? "up to " + Sizes.format(cluster.hints().maxBytes()) + " and "
                        + Durations.format(cluster.hints().maxAge())
                : "off";
    }

    private void persistBound() {
        try {
            bound.persist();
            boundFailing = false;
        } catch (IOException | RuntimeException e) {
            if (!boundFailing) {
                // once per failing streak: a full disk must not fill the log as well
                log.warn("cannot persist the versions' bound to {}: {}; a restart now relies on the nodes' versions",
                        bound.file(), e.getMessage());
            }
            boundFailing = true;
        }
    }

    /**
     * The link certificate as the JDK's TLS takes it, for the blocking connections of the start
     * (the links have already checked these files with {@link #linkContext}).
     */
    private SSLContext jdkLinkContext() throws StartException {
        return ((JdkSslContext) linkContext(SslProvider.JDK)).context();
    }

    /** The coordinator's client certificate, trusted by the nodes, and the CA it trusts them by. */
    private SslContext linkContext(SslProvider provider) throws StartException {
        NodeConfig node = config.node();
        Path certs = TlsConfig.certsDir(node.dataDir());
        Path certificate = certs.resolve(CertificateFiles.CLIENT_CERTIFICATE);
        Path key = certs.resolve(CertificateFiles.CLIENT_KEY);
        try {
            return ClientTlsContexts.build(node.tls().ca(), certificate, key, provider);
        } catch (SSLException | RuntimeException e) {
            throw new StartException("cannot use the coordinator's client certificate " + certificate + " (with "
                    + node.tls().ca() + "): " + e.getMessage(), e);
        }
    }

    /** Gives the nodes a moment to answer, so that the first clients are not routed around nodes still connecting. */
    private void awaitNodes(CountDownLatch allUp) throws InterruptedException {
        allUp.await(NODES_WAIT.toMillis(), TimeUnit.MILLISECONDS);
        for (NodePool pool : pools) {
            if (!pool.isUp()) {
                log.warn("node {} {}:{} is not up yet; its keys go to their other replicas until it is",
                        pool.address().name(), pool.address().host(), pool.address().port());
            }
        }
    }

    public int port() {
        return frontend.port();
    }

    /** -1 without a plaintext listener. */
    public int plainPort() {
        return frontend.plainPort();
    }

    public Cluster cluster() {
        return cluster;
    }

    /** The open client connections: their count, {@code stats conns}, the bytes they have pending. */
    public ConnectionRegistry connections() {
        return frontend.connections();
    }

    public SecurityReloader reloader() {
        return frontend.reloader();
    }

    public void awaitStop() throws InterruptedException {
        stopped.await();
    }

    @Override
    public synchronized void close() {
        if (stopped.getCount() == 0) {
            return;
        }
        if (started) {
            log.info("memcluster coordinator stopping; the nodes keep running");
        }
        if (boundKeeper != null) {
            boundKeeper.shutdownNow();
        }
        if (catchUp != null) {
            catchUp.close();
        }
        if (hints != null) {
            hints.close();
        }
        pools.forEach(NodePool::close);
        frontend.close();
        if (linkTls != null) {
            ReferenceCountUtil.release(linkTls);
        }
        stopped.countDown();
        if (started) {
            log.info("memcluster coordinator stopped");
        }
    }
}
