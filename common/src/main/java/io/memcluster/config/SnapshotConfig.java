package io.memcluster.config;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * The {@code snapshot} section: how often a node writes its namespaces to disk, and where. A
 * node also writes them on demand ({@code memcluster snapshot}) and when it stops gracefully,
 * whatever the interval.
 *
 * @param interval time between scheduled snapshots; zero turns the schedule off
 * @param dir      the folder of the snapshot files, {@code <data_dir>/snapshots} by default
 * @param threads  threads a snapshot's walk over the store is split into; 0 for one per core.
 *                 Fewer leave more CPU to clients while it runs, and take longer
 */
public record SnapshotConfig(Duration interval, Path dir, int threads) {

    /** The card's promise: namespaces are flushed to disk every 5 minutes. */
    public static final Duration DEFAULT_INTERVAL = Duration.ofMinutes(5);
    /** Shorter than this a snapshot of a large store would hardly end before the next began. */
    public static final Duration MIN_INTERVAL = Duration.ofSeconds(1);

    /** More would only contend for the store's segment locks and the disk. */
    public static final int MAX_THREADS = 64;

    public SnapshotConfig {
        Objects.requireNonNull(interval, "interval");
        Objects.requireNonNull(dir, "dir");
        ConfigException.throwIfAny(check(interval, dir, threads));
    }

    /** With one thread per core. */
    public SnapshotConfig(Duration interval, Path dir) {
        this(interval, dir, 0);
    }

    /** Every 5 minutes, into {@code <dataDir>/snapshots}, one thread per core. */
    public static SnapshotConfig defaults(Path dataDir) {
        return new SnapshotConfig(DEFAULT_INTERVAL, dataDir.resolve("snapshots"));
    }

    /** The threads to use on a machine of {@code cores}. */
    public int threadsFor(int cores) {
        return threads > 0 ? threads : Math.max(1, cores);
    }

    public boolean scheduled() {
        return !interval.isZero();
    }

    static List<ConfigProblem> check(Duration interval, Path dir, long threads) {
        List<ConfigProblem> problems = new ArrayList<>();
        if (interval.isNegative() || (!interval.isZero() && interval.compareTo(MIN_INTERVAL) < 0)) {
            problems.add(new ConfigProblem("snapshot.interval", null, Durations.format(interval)
                    + " is out of range (expected 0s, which turns the schedule off, or at least "
                    + Durations.format(MIN_INTERVAL) + ", e.g. 5m)"));
        }
        if (threads < 0 || threads > MAX_THREADS) {
            problems.add(new ConfigProblem("snapshot.threads", null, threads + " is out of range (expected 0, one"
                    + " per core, or 1-" + MAX_THREADS + ")"));
        }
        if (dir.toString().isBlank()) {
            problems.add(new ConfigProblem("snapshot.dir", null, "is empty (expected a folder, e.g. data/snapshots)"));
        }
        return problems;
    }
}
