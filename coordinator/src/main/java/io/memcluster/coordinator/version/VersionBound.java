package io.memcluster.coordinator.version;

import io.memcluster.coordinator.lifecycle.AtomicFile;
import io.memcluster.time.Clock;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.OptionalLong;

/**
 * The upper bound of the versions a coordinator may mint, persisted in its data folder
 * ({@code D/version.bound}, one line of Unix milliseconds), as CockroachDB persists its clock's:
 * every {@link #INTERVAL} the coordinator writes the wall clock plus {@link #WINDOW} (or, when its
 * versions run ahead of the wall clock, its last version plus a margin), so whatever it mints
 * until the next write stays below what is on disk. A
 * restarted coordinator {@link #recover()}s it before it serves, and its versions then start
 * above anything the previous run could have minted, even when every node is down and the
 * machine's clock was set back.
 *
 * <p>The price: after a restart its versions run up to a window ahead of the wall clock until it
 * catches up, so for those seconds its writes win over another coordinator's on the same keys
 * (and another coordinator refuses to adopt them beyond {@code cluster.max_clock_skew}).
 */
public final class VersionBound {

    public static final Duration INTERVAL = Duration.ofSeconds(1);
    public static final Duration WINDOW = Duration.ofSeconds(10);
    /** Above the last version, when that is ahead of the wall clock: room for a few intervals' bursts. */
    static final Duration MARGIN = Duration.ofSeconds(2);

    private final Path file;
    private final Clock wall;
    private final HybridClock clock;
    private long persisted;

    public VersionBound(Path file, Clock wall, HybridClock clock) {
        this.file = file;
        this.wall = wall;
        this.clock = clock;
    }

    public Path file() {
        return file;
    }

    /** The bound on disk; empty when there is none (a first start). */
    public OptionalLong read() throws IOException {
        String text;
        try {
            text = Files.readString(file, StandardCharsets.US_ASCII).strip();
        } catch (NoSuchFileException e) {
            return OptionalLong.empty();
        }
        try {
            return OptionalLong.of(Long.parseLong(text));
        } catch (NumberFormatException e) {
            throw new IOException(file + " holds '" + (text.length() > 40 ? text.substring(0, 40) + "..." : text)
                    + "', not a number of milliseconds (it is rewritten every second; remove it only if every"
                    + " node's versions can be trusted to be recovered)");
        }
    }

    /** Keeps the clock's versions above the bound on disk, if any. */
    public void recover() throws IOException {
        OptionalLong bound = read();
        if (bound.isPresent()) {
            clock.observeBound(bound.getAsLong());
            persisted = Math.max(persisted, bound.getAsLong());
        }
    }

    /**
     * Writes a new bound, never lower than the last one: to a temporary file beside it, then
     * renamed over it, so a crash leaves the old bound or the new one, never half of one.
     *
     * @return the bound written, in Unix milliseconds
     */
    public synchronized long persist() throws IOException {
        // Versions run ahead of the wall clock only after a restart (they start at the old bound) or
        // a burst: a margin above them is enough then, so a crash loop does not push them a whole
        // window further each time.
        long bound = Math.max(wall.millis() + WINDOW.toMillis(), HybridClock.millisOf(clock.last()) + MARGIN.toMillis());
        bound = Math.max(bound, persisted);
        AtomicFile.replace(file, (bound + "\n").getBytes(StandardCharsets.US_ASCII), true);
        persisted = bound;
        return bound;
    }
}
