package io.memcluster.coordinator.lifecycle;

import io.memcluster.time.Ticker;
import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * Stops processes of ours as an operator would: SIGTERM to each at once (a node then closes its
 * listeners and, later, writes its snapshots), one shared deadline, and a report of each that is
 * still running after it. Never SIGKILL: whoever reads the report decides. Pid files of the
 * processes that stopped are removed.
 */
final class GracefulStop {

    /**
     * A node closes its listeners in well under a second, then writes its final snapshot at disk
     * speed: a node of several GB takes tens of seconds, and one stopped before its file is on
     * disk loses what it wrote since the last one. Two minutes covers that on a slow disk; a node
     * that hangs is still reported, never killed.
     */
    static final Duration TIMEOUT = Duration.ofSeconds(120);

    /**
     * @param name    as output names it: {@code coordinator}, {@code node-1}
     * @param process checked to be ours before it gets here
     */
    record Target(String name, ProcessHandle process, PidFile pidFile) {
    }

    /** @param stopped whether it exited before the deadline */
    record Result(Target target, boolean stopped) {
    }

    private GracefulStop() {
    }

    static List<Result> stop(List<Target> targets, Duration timeout, Ticker ticker) {
        for (Target target : targets) {
            target.process.destroy();
        }
        long deadline = ticker.nanos() + timeout.toNanos();
        List<Result> results = new ArrayList<>(targets.size());
        for (Target target : targets) {
            while (target.process.isAlive() && ticker.nanos() < deadline && !Thread.currentThread().isInterrupted()) {
                Pause.untilExit(target.process, deadline - ticker.nanos());
            }
            boolean stopped = !target.process.isAlive();
            if (stopped) {
                deleteIfNaming(target);
            }
            results.add(new Result(target, stopped));
        }
        return results;
    }

    /** A starter that raced the stop may have written a new pid there: that one stays. */
    private static void deleteIfNaming(Target target) {
        try {
            if (target.pidFile.read().orElse(-1) == target.process.pid()) {
                target.pidFile.delete();
            }
        } catch (IOException e) {
            // a stale pid file: replaced at the next start, reported by status until then
        }
    }
}
