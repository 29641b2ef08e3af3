package io.memcluster.server.snapshot;

import io.memcluster.config.SnapshotConfig;
import io.memcluster.server.store.Namespace;
import io.memcluster.server.store.Store;
import io.memcluster.time.Clock;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A node's snapshots: loaded once before it serves ({@link #load}), written every
 * {@code snapshot.interval} by the scheduler given to {@link #schedule}, on demand
 * ({@link #snapshotNow}, {@code memcluster snapshot}), and a last time when the node stops
 * ({@link #close}). Runs one at a time on one thread of its own, never on an event loop. A run
 * that fails is logged, counted and shown in {@code stats snapshots}; the previous files stay,
 * writes go on, and the next run tries again.
 */
public final class Snapshots implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(Snapshots.class);

    private final Store store;
    private final SnapshotConfig config;
    private final Clock clock;
    private final SnapshotWriter writer;
    private final SnapshotHistory history;
    private final ExecutorService thread = Executors.newSingleThreadExecutor(r -> daemon(r, "snapshot"));
    /** The workers a snapshot or a load uses beside its own thread, one per core. */
    private final ExecutorService workers;
    private final int cores;
    /** A scheduled run waits for the thread: the next tick of a slow snapshot queues no second one. */
    private final java.util.concurrent.atomic.AtomicBoolean scheduledPending =
            new java.util.concurrent.atomic.AtomicBoolean();
    private ScheduledFuture<?> schedule;
    private boolean closed;

    public Snapshots(Store store, SnapshotConfig config, Clock clock) {
        this(store, config, clock, Runtime.getRuntime().availableProcessors());
    }

    /**
     * @param cores threads a load keeps busy (the node serves nobody yet); a snapshot's walk is
     *              split into {@code snapshot.threads} of them: on two cores a snapshot of a
     *              gigabyte is CPU-bound on one, not disk-bound
     */
    public Snapshots(Store store, SnapshotConfig config, Clock clock, int cores) {
        this.store = store;
        this.config = config;
        this.clock = clock;
        this.cores = Math.max(1, cores);
        int walkers = config.threadsFor(this.cores);
        java.util.concurrent.atomic.AtomicInteger count = new java.util.concurrent.atomic.AtomicInteger();
        this.workers = Executors.newFixedThreadPool(Math.max(this.cores, walkers),
                r -> daemon(r, "snapshot-worker-" + count.incrementAndGet()));
        this.writer = new SnapshotWriter(store, config.dir(), clock, workers, walkers);
        this.history = new SnapshotHistory(clock.millis());
    }

    private static Thread daemon(Runnable r, String name) {
        Thread t = new Thread(r, name);
        t.setDaemon(true);
        return t;
    }

    /**
     * What the files in {@code dir} would take in memory, by their headers, read without loading
     * anything (a broken file counts as nothing); for sizing the JVM before the node starts.
     */
    public static long bytesToLoad(java.nio.file.Path dir) {
        return SnapshotLoader.bytesToLoad(dir);
    }

    /** Loads the files into the (empty) store; before the node accepts connections. */
    public LoadReport load() {
        LoadReport report = new SnapshotLoader(store, config.dir(), clock, workers, cores).load();
        orderByRecency();
        report.namespaces().forEach(ns -> writer.known(ns.namespace()));
        history.loaded(report);
        return report;
    }

    /** The store's LRU in last-access order, a share of the segments per core: it walks every item. */
    private void orderByRecency() {
        java.util.List<CompletableFuture<Void>> parts = new java.util.ArrayList<>();
        for (int part = 0; part < cores; part++) {
            int mine = part;
            parts.add(CompletableFuture.runAsync(() -> store.orderByRecency(mine, cores), workers));
        }
        parts.forEach(CompletableFuture::join);
    }

    /**
     * Runs a snapshot every {@code snapshot.interval} on {@code scheduler}'s clock, from one
     * interval after now; nothing when the interval is zero.
     */
    public synchronized void schedule(ScheduledExecutorService scheduler) {
        if (!config.scheduled() || closed) {
            return;
        }
        long millis = config.interval().toMillis();
        schedule = scheduler.scheduleAtFixedRate(this::scheduledRun, millis, millis, TimeUnit.MILLISECONDS);
    }

    /**
     * A snapshot now, after any that is running: every namespace, or only {@code namespace}.
     * Completes on the snapshot thread.
     */
    public CompletableFuture<SnapshotReport> snapshotNow(String namespace) {
        synchronized (this) {
            if (closed) {
                return CompletableFuture.failedFuture(new IllegalStateException("the node is stopping"));
            }
            return CompletableFuture.supplyAsync(() -> run(namespace, "on demand"), thread);
        }
    }

    /**
     * Removes the file of {@code namespace} (every file when null), after any snapshot running
     * now: for a flush, so that a restart does not bring back what was flushed. Items stored after
     * the flush are in the next snapshot.
     */
    public void forget(String namespace) {
        synchronized (this) {
            if (closed) {
                return;
            }
            thread.execute(() -> history.forgotten(writer.forget(namespace)));
        }
    }

    /**
     * Stops the schedule and writes a last snapshot of everything, waiting for it: called once
     * the listeners are closed, so that nothing acknowledged is left out.
     */
    @Override
    public void close() {
        CompletableFuture<SnapshotReport> last;
        synchronized (this) {
            if (closed) {
                return;
            }
            closed = true;
            if (schedule != null) {
                schedule.cancel(false);
            }
            last = CompletableFuture.supplyAsync(() -> run(null, "at stop"), thread);
        }
        try {
            last.join();
        } catch (RuntimeException e) {
            log.warn("the snapshot at stop failed: {}", Reasons.of(e));
        } finally {
            thread.shutdown();
            workers.shutdown();
        }
    }

    /** What {@code stats snapshots} prints; namespaces {@code visible} rejects are left out. */
    public void stats(StatsLines out, Predicate<String> visible) {
        SnapshotStats.write(history, config, clock.millis(), liveNamespaces(), out, visible);
    }

    /** The sink of {@link #stats}: one {@code STAT name value} line each. */
    public interface StatsLines {
        void stat(String name, String value);
    }

    private Map<String, Long> liveNamespaces() {
        Map<String, Long> items = new java.util.TreeMap<>();
        for (Namespace ns : store.namespaces()) {
            if (ns.items() > 0) {
                items.put(ns.name(), ns.items());
            }
        }
        return items;
    }

    private void scheduledRun() {
        // the scheduler's thread only hands the run over, so that a long snapshot delays nothing else
        if (!scheduledPending.compareAndSet(false, true)) {
            return;
        }
        try {
            thread.execute(() -> {
                scheduledPending.set(false);
                run(null, "scheduled");
            });
        } catch (java.util.concurrent.RejectedExecutionException e) {
            // stopping
        }
    }

    private SnapshotReport run(String namespace, String why) {
        history.running();
        SnapshotReport report;
        try {
            report = writer.write(namespace);
        } catch (RuntimeException e) {
            report = new SnapshotReport(clock.millis(), 0, java.util.List.of(), Reasons.of(e));
        }
        history.finished(report);
        if (report.failed()) {
            log.warn("snapshot ({}) failed: {}; the previous files stay, the next snapshot tries again", why,
                    firstError(report));
        } else {
            log.info("snapshot ({}): {} namespaces, {} items, {} bytes in {} ms", why, report.namespaces().size(),
                    report.items(), report.bytes(), report.millis());
        }
        return report;
    }

    static String firstError(SnapshotReport report) {
        if (report.error() != null) {
            return report.error();
        }
        return report.namespaces().stream().filter(ns -> ns.error() != null)
                .map(ns -> "namespace " + ns.namespace() + ": " + ns.error()).findFirst().orElse("");
    }
}
