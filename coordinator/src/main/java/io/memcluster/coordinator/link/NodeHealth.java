package io.memcluster.coordinator.link;

import io.memcluster.time.Ticker;
import java.time.Duration;
import java.util.Locale;
import java.util.Objects;
import java.util.Random;

/**
 * Whether a node is up, decided from what its links see; no sockets here, so it is tested with a
 * {@link io.memcluster.time.ManualTicker}.
 *
 * <ul>
 *   <li>A failure event of real requests (a timeout, a lost connection, a malformed reply) counts
 *       once, however many requests were in flight: with pipelining one stalled connection fails
 *       thousands at a time, which is one sign of trouble, not thousands. {@code failureThreshold}
 *       of them in a row mark the node down; a complete reply in between starts the count again.
 *       A full queue is the coordinator's overload, not the node's fault, and does not count;
 *       nor does a send refused for want of a connection, which only follows a loss or a failed
 *       connect that was counted already.</li>
 *   <li>A failed connect (or reconnect) marks the node down at once.</li>
 *   <li>While down the node is probed after {@code probeInitial}, doubling each time up to
 *       {@code probeMax}, each delay moved by up to 20% either way so that many coordinators do
 *       not probe a returning node in step. Only a probe that succeeds brings it up.</li>
 * </ul>
 *
 * <p>A node starts down and unannounced; its first verdict is announced whichever it is, every
 * later change when it happens. Thread-safe: the links of several event loops report here. The
 * listener is called under this object's lock, so it must be quick (a log line).
 */
public final class NodeHealth {

    public enum State {
        UP, DOWN;

        /** {@code "up"}, {@code "down"}. */
        public String word() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    /** Told of each change; the reason never quotes a key. */
    @FunctionalInterface
    public interface Listener {
        Listener NONE = (node, state, reason) -> { };

        /** @param reason reads on after "node X is up/down", e.g. "after 3 failures in a row (last: timeout ...)" */
        void changed(NodeAddress node, State state, String reason);
    }

    private static final double JITTER = 0.2;

    private final NodeAddress node;
    private final int threshold;
    private final long probeInitial;
    private final long probeMax;
    private final Ticker ticker;
    private final Random random;
    private final Listener listener;
    private volatile State state = State.DOWN;
    /** Consecutive failure events; volatile so that the per-reply reset is a read when there is nothing to reset. */
    private volatile int failures;
    private State announced;
    private long downSince;
    private long backoff;
    private long nextProbeAt;
    private String lastProbeFailure;

    public NodeHealth(NodeAddress node, LinkSettings settings, Ticker ticker, Random random, Listener listener) {
        this.node = Objects.requireNonNull(node, "node");
        this.threshold = settings.failureThreshold();
        this.probeInitial = settings.probeInitial().toNanos();
        this.probeMax = settings.probeMax().toNanos();
        this.ticker = Objects.requireNonNull(ticker, "ticker");
        this.random = Objects.requireNonNull(random, "random");
        this.listener = Objects.requireNonNull(listener, "listener");
        this.downSince = ticker.nanos();
        this.backoff = probeInitial;
        this.nextProbeAt = downSince;
    }

    public State state() {
        return state;
    }

    public boolean isUp() {
        return state == State.UP;
    }

    public int consecutiveFailures() {
        return failures;
    }

    /** A complete reply arrived: the failure count starts again. Called for every reply, so cheap when it is 0. */
    public void requestSucceeded() {
        if (failures != 0) {
            synchronized (this) {
                failures = 0;
            }
        }
    }

    /**
     * Requests failed together ({@code requests} of them, one event).
     *
     * @return true when this marked the node down (the caller closes its links and starts probing)
     */
    public synchronized boolean requestsFailed(LinkFailure.Kind kind, int requests) {
        if (kind == LinkFailure.Kind.QUEUE_FULL || state != State.UP) {
            return false;
        }
        int count = failures + 1;
        failures = count;
        if (count < threshold) {
            return false;
        }
        markDown("after " + count + " failures in a row (last: " + kind.words() + " of " + requests
                + (requests == 1 ? " request)" : " requests)"));
        return true;
    }

    /** A reconnect of a node that is up (or its very first connect) failed: down at once. */
    public synchronized void connectFailed(String reason) {
        failedConnect(reason);
    }

    /** A probe of a node that is down failed: the next one waits twice as long, up to the cap. */
    public synchronized void probeFailed(String reason) {
        failedConnect(reason);
    }

    /** A probe (or the first connect) succeeded: the node is up. */
    public synchronized void probeSucceeded(String how) {
        if (state == State.UP) {
            return;
        }
        String reason = announced == null ? "after connecting (" + how + ")"
                : "after a successful probe, " + seconds(ticker.nanos() - downSince) + " down (" + how + ")";
        state = State.UP;
        failures = 0;
        backoff = probeInitial;
        announce(State.UP, reason);
    }

    /** How long until the next probe is due (zero when it is); meaningful while down. */
    public synchronized Duration untilNextProbe() {
        return Duration.ofNanos(Math.max(0, nextProbeAt - ticker.nanos()));
    }

    /** Why the last connect or probe failed (only the first of a run is announced); null if none has. */
    public synchronized String lastProbeFailure() {
        return lastProbeFailure;
    }

    public synchronized boolean probeDue() {
        return state == State.DOWN && ticker.nanos() - nextProbeAt >= 0;
    }

    /** Connects and probes fail alike; what differs is whether the node was up. */
    private void failedConnect(String reason) {
        lastProbeFailure = reason;
        if (state == State.UP || announced == null) {
            markDown("after a failed connect (" + reason + ")");
            return;
        }
        backoff = Math.min(backoff * 2, probeMax);
        nextProbeAt = ticker.nanos() + jittered(backoff);
    }

    private void markDown(String reason) {
        state = State.DOWN;
        failures = 0;
        downSince = ticker.nanos();
        backoff = probeInitial;
        nextProbeAt = downSince + jittered(backoff);
        announce(State.DOWN, reason);
    }

    private void announce(State now, String reason) {
        if (now != announced) {
            announced = now;
            listener.changed(node, now, reason);
        }
    }

    /** {@code base} moved by up to 20% either way, never past the cap. */
    private long jittered(long base) {
        double factor = 1 - JITTER + 2 * JITTER * random.nextDouble();
        return Math.min((long) (base * factor), probeMax);
    }

    private static String seconds(long nanos) {
        return String.format(Locale.ROOT, "%.1f s", nanos / 1e9);
    }
}
