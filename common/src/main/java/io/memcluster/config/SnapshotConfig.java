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
 */
public record SnapshotConfig(Duration interval, Path dir) {

    /** The card's promise: namespaces are flushed to disk every 5 minutes. */
    public static final Duration DEFAULT_INTERVAL = Duration.ofMinutes(5);
    /** Shorter than this a snapshot of a large store would hardly end before the next began. */
    public static final Duration MIN_INTERVAL = Duration.ofSeconds(1);

    public SnapshotConfig {
        Objects.requireNonNull(interval, "interval");
        Objects.requireNonNull(dir, "dir");
        ConfigException.throwIfAny(check(interval, dir));
    }

    /** Every 5 minutes, into {@code <dataDir>/snapshots}. */
    public static SnapshotConfig defaults(Path dataDir) {
        return new SnapshotConfig(DEFAULT_INTERVAL, dataDir.resolve("snapshots"));
    }

    public boolean scheduled() {
        return !interval.isZero();
    }

    static List<ConfigProblem> check(Duration interval, Path dir) {
        List<ConfigProblem> problems = new ArrayList<>();
        if (interval.isNegative() || (!interval.isZero() && interval.compareTo(MIN_INTERVAL) < 0)) {
            problems.add(new ConfigProblem("snapshot.interval", null, Durations.format(interval)
                    + " is out of range (expected 0s, which turns the schedule off, or at least "
                    + Durations.format(MIN_INTERVAL) + ", e.g. 5m)"));
        }
        if (dir.toString().isBlank()) {
            problems.add(new ConfigProblem("snapshot.dir", null, "is empty (expected a folder, e.g. data/snapshots)"));
        }
        return problems;
    }
}
