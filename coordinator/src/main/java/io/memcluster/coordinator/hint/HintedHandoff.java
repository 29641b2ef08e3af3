package io.memcluster.coordinator.hint;

import io.memcluster.config.HintsConfig;
import io.memcluster.coordinator.link.NodeHealth;
import io.memcluster.coordinator.link.NodePool;
import io.memcluster.protocol.Command;
import io.memcluster.time.Clock;
import io.memcluster.time.Ticker;
import io.netty.channel.EventLoop;
import io.netty.channel.EventLoopGroup;
import io.netty.util.concurrent.ScheduledFuture;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;

/**
 * The hints of every node of the cluster, by ring index: the router records what a replica
 * missed ({@link #record}), the nodes' health says when one is back ({@link #nodeChanged}), and a
 * sweep every second expires old hints and starts a replay wherever a node is up with hints
 * (one that missed writes to a timeout without ever being marked down, or whose last round was
 * stopped). The digest catch-up asks {@link #needsDigestCatchUp} which nodes lost writes, and
 * {@link #clearDigestCatchUp}s them when done.
 */
public final class HintedHandoff implements AutoCloseable {

    /** Told when a node first needs a digest catch-up (a hint lost); called under a lock, so quick. */
    @FunctionalInterface
    public interface CatchUpListener {
        CatchUpListener NONE = node -> { };

        void catchUpNeeded(int node);
    }

    /** How often old hints are dropped and idle nodes with hints are replayed to. */
    static final Duration SWEEP = Duration.ofSeconds(1);

    private final boolean enabled;
    private final HintLog[] logs;
    private final Map<String, Integer> indexByName = new HashMap<>();
    private final Clock clock;
    private final Ticker ticker;
    private final ReplayPace pace;
    private volatile HintReplay[] replays;
    private volatile ScheduledFuture<?> sweep;

    /** @param nodes the nodes' names in ring order */
    public HintedHandoff(List<String> nodes, HintsConfig config, Clock clock, Ticker ticker, ReplayPace pace,
            CatchUpListener listener) {
        this.enabled = config.enabled();
        this.clock = Objects.requireNonNull(clock, "clock");
        this.ticker = Objects.requireNonNull(ticker, "ticker");
        this.pace = Objects.requireNonNull(pace, "pace");
        HintBudget budget = new HintBudget(config.maxBytes());
        this.logs = new HintLog[nodes.size()];
        for (int i = 0; i < logs.length; i++) {
            int node = i;
            logs[i] = new HintLog(budget, config.maxAge().toMillis(), () -> listener.catchUpNeeded(node));
            indexByName.put(nodes.get(i), i);
        }
    }

    /**
     * Starts replaying to the pools (in ring order, as the names were given), each on one loop of
     * {@code group}, and the sweep.
     */
    public void attach(List<NodePool> pools, EventLoopGroup group) {
        if (pools.size() != logs.length) {
            throw new IllegalArgumentException(pools.size() + " pools for the hints of " + logs.length + " nodes");
        }
        HintReplay[] made = new HintReplay[logs.length];
        for (int i = 0; i < made.length; i++) {
            EventLoop loop = group.next();
            made[i] = new HintReplay(pools.get(i), loop, logs[i], pace, clock, ticker);
        }
        replays = made;
        try {
            long every = SWEEP.toNanos();
            sweep = group.next().scheduleWithFixedDelay(this::sweep, every, every, TimeUnit.NANOSECONDS);
        } catch (RejectedExecutionException e) {
            // the group has stopped: nothing will be written, nothing replayed
        }
    }

    /**
     * A replica ({@code node}, its ring index) missed a write another replica took. Kept if it is a
     * versioned set or delete and there is room; never fails and never waits.
     */
    public void record(int node, Command command) {
        Hint hint = Hint.of(command, clock.millis());
        if (hint == null) {
            return;
        }
        if (!enabled) {
            logs[node].lost();
            return;
        }
        logs[node].add(hint, clock.millis());
    }

    /** The nodes' health listener: a node back up gets its hints, one gone down stops getting them. */
    public void nodeChanged(String name, NodeHealth.State state) {
        Integer node = indexByName.get(name);
        HintReplay[] current = replays;
        if (node == null || current == null) {
            return;
        }
        if (state == NodeHealth.State.UP) {
            current[node].start(true);
        } else {
            current[node].stop("the node is down");
        }
    }

    /**
     * Whether the node has hints not yet acknowledged (queued or being replayed): it may hold
     * older values for some keys, so reads and read-modify-writes go to its peers first. Cheap:
     * called for every replica of every read.
     */
    public boolean behind(int node) {
        if (logs[node].pending()) {
            return true;
        }
        HintReplay[] current = replays;
        return current != null && current[node].active();
    }

    /** Whether the node missed a write that no hint holds any more, since the last clear. */
    public boolean needsDigestCatchUp(int node) {
        return logs[node].needsDigestCatchUp();
    }

    /** The node's digest catch-up is done. */
    public void clearDigestCatchUp(int node) {
        logs[node].clearDigestCatchUp();
    }

    public boolean enabled() {
        return enabled;
    }

    /** One node's counters. */
    public HintLog.Counts counts(int node) {
        return logs[node].counts();
    }

    /** Whether hints are being replayed to the node now. */
    public boolean replaying(int node) {
        HintReplay[] current = replays;
        return current != null && current[node].active();
    }

    /** Every node's counters summed. */
    public HintLog.Counts totals() {
        HintLog.Counts sum = HintLog.Counts.ZERO;
        for (HintLog hints : logs) {
            sum = sum.plus(hints.counts());
        }
        return sum;
    }

    /** Expires old hints everywhere and replays to every node that is up and has some. */
    void sweep() {
        long now = clock.millis();
        for (HintLog hints : logs) {
            hints.expire(now);
        }
        HintReplay[] current = replays;
        if (current == null) {
            return;
        }
        for (HintReplay replay : current) {
            replay.start(false);
        }
    }

    /** Stops the sweep; hints not replayed by now are lost with the process. */
    @Override
    public void close() {
        ScheduledFuture<?> timer = sweep;
        if (timer != null) {
            timer.cancel(false);
        }
    }
}
