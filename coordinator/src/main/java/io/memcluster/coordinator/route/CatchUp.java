package io.memcluster.coordinator.route;

import io.memcluster.coordinator.link.LinkFailure;
import io.memcluster.coordinator.link.NodePool;
import io.memcluster.coordinator.link.ReplyCallback;
import io.memcluster.protocol.Command;
import io.memcluster.protocol.Reply;
import io.memcluster.time.Clock;
import io.netty.channel.EventLoop;
import io.netty.util.concurrent.DefaultThreadFactory;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Brings replicas back in line by digest ({@link ReplicaRepair}), one run at a time on a thread
 * of its own: for a node that came back up (compared with each of its peers; it is
 * {@code catching-up} meanwhile, so reads go to the others first), and for every pair of nodes
 * at the coordinator's start (each node's first "up") and on a slow schedule. Hints (replayed
 * when a node returns) make most runs find nothing; a run is what makes a node whose hints
 * overflowed, expired or never existed (it restarted from an older snapshot, or empty, or the
 * coordinator restarted) correct again.
 *
 * <p>A node that was away longer than the nodes keep tombstones would merge deletes it missed
 * back into the cluster: it is emptied ({@code flush_all}) before it is compared, and refilled.
 */
public final class CatchUp implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(CatchUp.class);

    private final Cluster cluster;
    private final EventLoop loop;
    private final Clock clock;
    private final Duration timeout;
    private final Duration tombstoneRetention;
    private final CatchUpProgress[] progress;
    private final long[] downSinceMillis;
    private final ExecutorService runs = Executors.newSingleThreadExecutor(new DefaultThreadFactory("catch-up", true));
    private ScheduledExecutorService schedule;

    /**
     * @param loop               the loop the runs' requests go out on
     * @param timeout            how long a node may take to answer a digest listing
     * @param tombstoneRetention how long nodes keep tombstones: a node away longer is refilled
     */
    public CatchUp(Cluster cluster, EventLoop loop, Clock clock, Duration timeout, Duration tombstoneRetention) {
        this.cluster = cluster;
        this.loop = loop;
        this.clock = clock;
        this.timeout = timeout;
        this.tombstoneRetention = tombstoneRetention;
        this.progress = new CatchUpProgress[cluster.size()];
        this.downSinceMillis = new long[cluster.size()];
        for (int i = 0; i < progress.length; i++) {
            progress[i] = new CatchUpProgress();
            downSinceMillis[i] = -1;
        }
    }

    /** A pass over every pair of nodes every {@code every} (none for zero). */
    public synchronized void scheduleEvery(Duration every) {
        if (every.isZero() || every.isNegative()) {
            return;
        }
        schedule = Executors.newSingleThreadScheduledExecutor(new DefaultThreadFactory("catch-up-schedule", true));
        schedule.scheduleWithFixedDelay(() -> everyPair("schedule"), every.toMillis(), every.toMillis(),
                TimeUnit.MILLISECONDS);
    }

    /** Node {@code name} went down: when it comes back, how long it was away decides how it catches up. */
    public void nodeDown(String name) {
        int index = indexOf(name);
        if (index >= 0 && downSinceMillis[index] < 0) {
            downSinceMillis[index] = clock.millis();
        }
    }

    /** Node {@code name} is up (again, or for the first time since the coordinator started): it catches up. */
    public void nodeUp(String name, String reason) {
        int index = indexOf(name);
        if (index < 0) {
            return;
        }
        long downSince = downSinceMillis[index];
        downSinceMillis[index] = -1;
        boolean refill = downSince >= 0 && clock.millis() - downSince > tombstoneRetention.toMillis();
        cluster.catchingUp(index, true);
        runs.execute(() -> catchUp(index, refill, reason));
    }

    /** Every pair of nodes compared, none marked catching up (a periodic pass, or on demand). */
    public void everyPair(String reason) {
        runs.execute(() -> {
            for (int i = 0; i < cluster.size(); i++) {
                if (cluster.pool(i).isUp()) {
                    run(i, reason, false, i + 1);
                }
            }
        });
    }

    /** Node {@code index}'s catch-up as the reports show it. */
    public CatchUpProgress progress(int index) {
        return progress[index];
    }

    /** The clock the runs are timed by. */
    long nowMillis() {
        return clock.millis();
    }

    private void catchUp(int index, boolean refill, String reason) {
        try {
            if (refill) {
                log.warn("node {} was away longer than the tombstone retention ({}): emptied and refilled, not merged",
                        cluster.pool(index).address().name(), tombstoneRetention);
                emptied(cluster.pool(index));
            }
            run(index, reason, true, 0);
        } catch (RuntimeException e) {
            log.warn("catch-up of node {} failed: {}", cluster.pool(index).address().name(), e.toString());
        } finally {
            cluster.catchingUp(index, false);
        }
    }

    /** Node {@code index} against each up peer from {@code firstPeer} on (all others when 0). */
    private void run(int index, String reason, boolean logAlways, int firstPeer) {
        NodePool pool = cluster.pool(index);
        CatchUpProgress p = progress[index];
        p.begin(reason, clock.millis());
        ReplicaRepair repair = new ReplicaRepair(cluster, loop, timeout, p);
        String outcome = "done";
        int peers = 0;
        try {
            for (int peer = firstPeer; peer < cluster.size(); peer++) {
                if (peer == index || !cluster.pool(peer).isUp()) {
                    continue;
                }
                repair.repair(index, peer);
                peers++;
            }
        } catch (ReplicaRepair.Stopped e) {
            outcome = "failed: " + e.getMessage();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            outcome = "failed: interrupted";
        }
        p.end(outcome, clock.millis());
        long copied = p.keysCopied() + p.deletesCopied();
        if (logAlways || copied > 0 || !outcome.equals("done")) {
            log.info("catch-up of node {} ({}) {} in {} ms: {} peers, {} of {} segments differed, {} keys listed,"
                    + " {} items and {} deletes copied, {} copies failed", pool.address().name(), reason, outcome,
                    p.lastMillis(), peers, p.segmentsDiffering(), p.segmentsTotal(), p.keysListed(), p.keysCopied(),
                    p.deletesCopied(), p.copyFailures());
        }
    }

    /** flush_all on one node, waited for: it then holds nothing a merge could bring back. */
    private void emptied(NodePool pool) {
        CompletableFuture<Object> done = new CompletableFuture<>();
        pool.linkFor(loop).send(new Command.FlushAll(0, false),
                new ReplyCallback() {
                    @Override
                    public void completed(Reply reply) {
                        done.complete(reply);
                    }

                    @Override
                    public void failed(LinkFailure failure) {
                        done.completeExceptionally(failure);
                    }
                });
        try {
            done.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while emptying node " + pool.address().name(), e);
        } catch (ExecutionException | TimeoutException e) {
            throw new IllegalStateException("could not empty node " + pool.address().name() + ": " + e, e);
        }
    }

    private int indexOf(String name) {
        List<NodePool> pools = cluster.pools();
        for (int i = 0; i < pools.size(); i++) {
            if (pools.get(i).address().name().equals(name)) {
                return i;
            }
        }
        return -1;
    }

    @Override
    public synchronized void close() {
        if (schedule != null) {
            schedule.shutdownNow();
        }
        runs.shutdownNow();
    }
}
