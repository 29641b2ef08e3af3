package io.memcluster.coordinator.version;

import io.memcluster.time.Clock;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A hybrid logical clock: each version is {@code (wall millis << 16) | counter}, strictly
 * greater than every version this clock returned or observed. When the wall clock stands still
 * or steps back, the last milliseconds are kept and the counter counts on; a counter overflow
 * carries into the next millisecond, so a burst of more than 65,536 writes in one millisecond
 * runs slightly ahead of the wall clock until it catches up.
 *
 * <p>Versions compare unsigned, as memcached's CAS values do. Lock-free: writes from every
 * event loop call {@link #next()}.
 */
public final class HybridClock {

    private static final int COUNTER_BITS = 16;

    private final Clock wall;
    private final AtomicLong last = new AtomicLong();

    public HybridClock(Clock wall) {
        this.wall = Objects.requireNonNull(wall, "wall clock");
    }

    /** A new version, strictly greater (unsigned) than every version returned or observed. */
    public long next() {
        while (true) {
            long previous = last.get();
            if (previous == -1L) {
                // Only an observed version at the very top of the range gets here; wrapping to 0
                // would make every later write lose to every earlier one.
                throw new IllegalStateException("versions exhausted: observed " + Long.toUnsignedString(previous));
            }
            long fromWall = wall.millis() << COUNTER_BITS;
            // previous + 1 bumps the counter and carries into the next millisecond on overflow.
            long version = Long.compareUnsigned(fromWall, previous) > 0 ? fromWall : previous + 1;
            if (last.compareAndSet(previous, version)) {
                return version;
            }
        }
    }

    /**
     * Keeps later {@link #next()} results above a version seen elsewhere: an item's CAS value on
     * a node, or a node's version high-water mark when the coordinator starts.
     */
    public void observe(long version) {
        while (true) {
            long previous = last.get();
            if (Long.compareUnsigned(version, previous) <= 0 || last.compareAndSet(previous, version)) {
                return;
            }
        }
    }

    /** The wall-clock milliseconds a version was made at (or ahead of, after a burst). */
    public static long millisOf(long version) {
        return version >>> COUNTER_BITS;
    }
}
