package io.memcluster.coordinator.hint;

import io.memcluster.coordinator.link.LinkFailure;
import io.memcluster.coordinator.link.NodeLink;
import io.memcluster.coordinator.link.NodePool;
import io.memcluster.coordinator.link.ReplyCallback;
import io.memcluster.protocol.ErrorKind;
import io.memcluster.protocol.Reply;
import io.memcluster.time.Clock;
import io.memcluster.time.Ticker;
import io.netty.channel.EventLoop;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The lane that hands one node its hints: oldest first, with their own versions, on the node's
 * link of one event loop, paced by a {@link ReplayPace}. A hint leaves the log when sent and is
 * counted replayed when the node answers; one that gets no answer (the node went down again, a
 * timeout), or {@code SERVER_ERROR}, stops the round and goes back to the front of the log with
 * every other unanswered one, for the next round. A round stopped while the node stays up is
 * retried by the sweep after a backoff (1 s doubling to a minute), so a node that keeps failing
 * them is neither hammered nor fills the log with a line pair a second; a node coming back up
 * starts a round at once. Everything but {@link #start} and {@link #stop} runs on the lane's loop.
 */
final class HintReplay {

    private static final Logger log = LoggerFactory.getLogger(HintReplay.class);

    private static final long FIRST_BACKOFF = TimeUnit.SECONDS.toNanos(1);
    private static final long MAX_BACKOFF = TimeUnit.MINUTES.toNanos(1);

    private final NodePool pool;
    private final EventLoop loop;
    private final HintLog hints;
    private final ReplayPace pace;
    private final Clock clock;
    private final Ticker ticker;
    // on the loop only:
    private final List<Hint> unanswered = new ArrayList<>();
    private boolean running;
    private boolean stopping;
    private String stopReason;
    private boolean timerSet;
    private int inFlight;
    private long replayedThisRound;
    private long startedNanos;
    private long backoff;
    private long retryAt;
    private volatile boolean active;

    HintReplay(NodePool pool, EventLoop loop, HintLog hints, ReplayPace pace, Clock clock, Ticker ticker) {
        this.pool = pool;
        this.loop = loop;
        this.hints = hints;
        this.pace = pace.copy();
        this.clock = clock;
        this.ticker = ticker;
    }

    /**
     * Begins a round if the node is up, has hints and none is under way; from any thread.
     *
     * @param eager now, even within the backoff after a failed round (the node just came up)
     */
    void start(boolean eager) {
        onLoop(() -> begin(eager));
    }

    /** Ends the round under way after the hints in flight have answered or failed; from any thread. */
    void stop(String reason) {
        onLoop(() -> {
            if (running && !stopping) {
                stopping = true;
                stopReason = reason;
                finishIfIdle();
            }
        });
    }

    /** Whether a round is under way; readable from any thread. */
    boolean active() {
        return active;
    }

    private void begin(boolean eager) {
        if (running || !pool.isUp() || hints.isEmpty() || (!eager && ticker.nanos() - retryAt < 0)) {
            return;
        }
        running = true;
        active = true;
        stopping = false;
        stopReason = null;
        replayedThisRound = 0;
        startedNanos = ticker.nanos();
        log.info("hint replay to node {} started: {} hints queued", pool.address(), hints.counts().queued());
        pump();
    }

    /** Sends while the pace allows, the node is up and there are hints. */
    private void pump() {
        if (!running) {
            return;
        }
        if (!stopping && !pool.isUp()) {
            stopping = true;
            stopReason = "the node is down";
        }
        NodeLink link = pool.linkFor(loop);
        while (!stopping && inFlight < pace.maxInFlight()) {
            long now = ticker.nanos();
            if (!pace.ready(now)) {
                later(pace.nanosUntilReady(now));
                return;
            }
            Hint hint = hints.poll(clock.millis());
            if (hint == null) {
                break;
            }
            pace.spend(hint.bytes());
            inFlight++;
            link.send(hint.command(), new Answer(hint));
        }
        finishIfIdle();
    }

    /**
     * Ends the round once nothing is in flight: called when the log ran dry or the round is
     * stopping, never while the pace's timer is due (the pump returns before), so a hint added
     * just after the log ran dry waits for the next round rather than for a timer never set.
     */
    private void finishIfIdle() {
        if (inFlight > 0 || !running) {
            return;
        }
        running = false;
        active = false;
        String seconds = String.format(Locale.ROOT, "%.1f", (ticker.nanos() - startedNanos) / 1e9);
        if (!unanswered.isEmpty()) {
            hints.putBack(List.copyOf(unanswered));
            unanswered.clear();
        }
        if (stopping && pool.isUp()) {
            backoff = backoff == 0 ? FIRST_BACKOFF : Math.min(backoff * 2, MAX_BACKOFF);
            retryAt = ticker.nanos() + backoff;
        } else {
            backoff = 0;
        }
        if (stopping) {
            log.info("hint replay to node {} stopped ({}): {} replayed in {} s, {} kept for later", pool.address(),
                    stopReason, replayedThisRound, seconds, hints.counts().queued());
        } else {
            log.info("hint replay to node {} done: {} replayed in {} s", pool.address(), replayedThisRound, seconds);
        }
    }

    private void later(long nanos) {
        if (timerSet) {
            return;
        }
        timerSet = true;
        try {
            loop.schedule(() -> {
                timerSet = false;
                pump();
            }, nanos, TimeUnit.NANOSECONDS);
        } catch (RejectedExecutionException e) {
            timerSet = false; // the coordinator is stopping; its hints go with it
        }
    }

    private void onLoop(Runnable task) {
        if (loop.inEventLoop()) {
            task.run();
            return;
        }
        try {
            loop.execute(task);
        } catch (RejectedExecutionException e) {
            // the coordinator is stopping
        }
    }

    /** What the node said to one hint. */
    private final class Answer implements ReplyCallback {
        private final Hint hint;

        Answer(Hint hint) {
            this.hint = hint;
        }

        @Override
        public void completed(Reply reply) {
            inFlight--;
            if (reply instanceof Reply.Error error) {
                if (error.kind() == ErrorKind.SERVER_ERROR && hint.refusals() + 1 < Hint.MAX_REFUSALS) {
                    // out of memory, most likely: the node may take it later
                    unanswered.add(hint.refusedOnce());
                    if (!stopping) {
                        stopping = true;
                        stopReason = "the node answered SERVER_ERROR";
                    }
                } else {
                    // CLIENT_ERROR, or SERVER_ERROR once too often: sending it again would not help
                    hints.refused();
                }
            } else {
                // stored, or NS/EX: the node holds this version or a newer one either way
                hints.replayed();
                replayedThisRound++;
            }
            pump();
        }

        @Override
        public void failed(LinkFailure failure) {
            inFlight--;
            unanswered.add(hint);
            if (!stopping) {
                stopping = true;
                stopReason = failure.kind().words();
            }
            finishIfIdle();
        }
    }
}
