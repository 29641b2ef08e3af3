package io.memcluster.server;

import io.memcluster.config.NodeConfig;
import io.memcluster.frontend.Frontend;
import io.memcluster.frontend.FrontendConfig;
import io.memcluster.frontend.net.ConnectionRegistry;
import io.memcluster.frontend.request.Crawler;
import io.memcluster.frontend.security.SecurityReloader;
import io.memcluster.frontend.security.StartException;
import io.memcluster.protocol.ServerVersion;
import io.memcluster.server.command.NodeContext;
import io.memcluster.server.command.NodeExecutor;
import io.memcluster.server.snapshot.LoadReport;
import io.memcluster.server.snapshot.Snapshots;
import io.memcluster.server.stats.CommandStats;
import io.memcluster.server.stats.StatsReport;
import io.memcluster.server.store.Store;
import io.memcluster.time.Clock;
import io.memcluster.tls.TlsProviders;
import io.netty.handler.ssl.SslProvider;
import java.io.PrintStream;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A running node: its store, the shared front end (listeners, TLS, logins, permissions) with the
 * node's executor behind it, and its background expiry.
 */
public final class NodeServer implements AutoCloseable {

    /** What {@code version} answers: the memcached protocol level we follow, then ours. */
    public static final String VERSION = ServerVersion.VERSION;

    private static final Logger log = LoggerFactory.getLogger(NodeServer.class);

    private final NodeConfig config;
    private final Store store;
    private final Frontend frontend;
    private final Snapshots snapshots;
    private final CountDownLatch stopped = new CountDownLatch(1);
    private boolean started;

    public NodeServer(NodeConfig config, Clock clock) {
        this(config, clock, TlsProviders.preferred(), System.out);
    }

    /**
     * @param tlsProvider BoringSSL or the JDK; tests choose, a node takes {@link TlsProviders#preferred()}
     * @param console     where the first admin password is shown, once
     */
    public NodeServer(NodeConfig config, Clock clock, SslProvider tlsProvider, PrintStream console) {
        this.config = config;
        this.store = new Store(config.memoryLimit(), config.quotas().memoryByName(), clock);
        this.frontend = new Frontend(frontendConfig(config), clock, tlsProvider, console);
        this.snapshots = new Snapshots(store, config.snapshot(), clock);
    }

    /** The node's listeners as the front end takes them. */
    static FrontendConfig frontendConfig(NodeConfig config) {
        return new FrontendConfig("node", config.bind(), config.port(), config.plain(), config.maxConnections(),
                config.threads(), config.idleTimeout(), config.maxItemSize(), config.dataDir(), config.tls(),
                config.auth());
    }

    /**
     * @throws StartException when the certificates or users cannot be used
     * @throws InterruptedException while binding
     */
    public NodeServer start() throws StartException, InterruptedException {
        frontend.open();
        // before the listeners: a client (the coordinator) finds the node warm or cannot connect yet
        LoadReport loaded = snapshots.load();
        CommandStats stats = new CommandStats();
        StatsReport report = new StatsReport(stats, frontend.stats(), store, new StatsReport.Settings(VERSION,
                config.bind(), config.port(), config.maxConnections(), config.threads(), config.maxItemSize(),
                config.idleTimeout().toSeconds(), config.shutdownEnabled(), config.auth().enabled(),
                config.tls().enabled()));
        NodeContext node = new NodeContext(store, stats, frontend.stats(), report, frontend.connections(), VERSION,
                config.shutdownEnabled(), () -> new Thread(this::close, "node-shutdown").start(),
                frontend.userAdministration(), new Crawler(), snapshots);
        frontend.listen(NodeExecutor.factory(node));
        started = true;
        frontend.workers().next().scheduleAtFixedRate(this::reapExpired, 1, 1, TimeUnit.SECONDS);
        snapshots.schedule(frontend.workers().next());
        log.info("memcluster node {} listening on {}:{} (memcached text protocol, {}), memory limit {} bytes, "
                + "{} threads, {} transport", VERSION, config.bind(), frontend.port(),
                config.tls().enabled() ? "TLS" : "plaintext", config.memoryLimit(), config.threads(),
                frontend.epoll() ? "epoll" : "nio");
        if (!config.quotas().isEmpty()) {
            log.info("namespace quotas on this node (bytes): {}", config.quotas().memoryByName());
        }
        log.info("snapshots in {} {}; {} items loaded from {} files at start", config.snapshot().dir(),
                config.snapshot().scheduled() ? "every " + io.memcluster.config.Durations.format(
                        config.snapshot().interval()) : "on demand and at stop only",
                loaded.items(), loaded.namespaces().size());
        return this;
    }

    /** The main listener's bound port (useful when configured as 0). */
    public int port() {
        return frontend.port();
    }

    /** The plaintext listener's bound port; -1 when there is none. */
    public int plainPort() {
        return frontend.plainPort();
    }

    /** Reloads certificates and users: what SIGHUP and the file poll do. */
    public SecurityReloader reloader() {
        return frontend.reloader();
    }

    public Store store() {
        return store;
    }

    public Snapshots snapshots() {
        return snapshots;
    }

    /** The open client connections: their count, {@code stats conns}, the bytes they have pending. */
    public ConnectionRegistry connections() {
        return frontend.connections();
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
            log.info("memcluster node stopping");
        }
        frontend.close();
        if (started) {
            // after the listeners closed: every write acknowledged is in it; never for a node that
            // did not start, whose empty store would replace the files it was to load
            snapshots.close();
        }
        stopped.countDown();
        if (started) {
            log.info("memcluster node stopped");
        }
    }

    private void reapExpired() {
        try {
            // a full pass over the table about every 30 seconds
            store.reapExpired((int) Math.max(1024, store.itemCount() / 30));
        } catch (RuntimeException e) {
            log.warn("background expiry failed: {}", e.toString());
        }
    }
}
