package io.memcluster.coordinator.version;

import io.memcluster.time.Clock;
import java.time.Duration;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A hybrid logical clock: each version is {@code wall millis << 16 | coordinator id << 12 |
 * counter}, strictly greater than every version this clock returned or observed. The id
 * ({@code coordinator.id}, 0-15) keeps two coordinators from ever minting the same version, even
 * on the same millisecond. When the wall clock stands still or steps back, the last milliseconds
 * are kept and the 12-bit counter counts on; a counter overflow carries into the next
 * millisecond, so a burst of more than 4,096 writes in one millisecond runs slightly ahead of the
 * wall clock until it catches up.
 *
 * <p>Versions seen elsewhere (a node's highest at start, a client's {@code E}) are adopted only
 * when they are at most {@code cluster.max_clock_skew} ahead of this clock's wall clock: one
 * node or client with a clock far in the future must not drag every later write there. A refusal
 * is counted ({@link #refusedAhead()}) and logged once per source.
 *
 * <p>Versions compare unsigned, as memcached's CAS values do. Lock-free: writes from every
 * event loop call {@link #next()}.
 */
public final class HybridClock {

    public static final int MAX_ID = 15;

    private static final int LOW_BITS = 16;
    private static final int COUNTER_BITS = 12;
    private static final long COUNTER_MASK = (1L << COUNTER_BITS) - 1;
    private static final long LOW_MASK = (1L << LOW_BITS) - 1;

    private static final Logger log = LoggerFactory.getLogger(HybridClock.class);

    private final Clock wall;
    private final int id;
    private final long idBits;
    private final long maxSkewMillis;
    private final AtomicLong last = new AtomicLong();
    private final LongAdder refused = new LongAdder();
    private final Set<String> warned = ConcurrentHashMap.newKeySet();

    /**
     * @param id      this coordinator's {@code coordinator.id}, 0-15
     * @param maxSkew how far ahead of the wall clock an observed version may be and still be adopted
     */
    public HybridClock(Clock wall, int id, Duration maxSkew) {
        this.wall = Objects.requireNonNull(wall, "wall clock");
        if (id < 0 || id > MAX_ID) {
            throw new IllegalArgumentException("coordinator id " + id + " is out of range (expected 0-" + MAX_ID + ")");
        }
        this.id = id;
        this.idBits = (long) id << COUNTER_BITS;
        this.maxSkewMillis = maxSkew.toMillis();
    }

    /** A new version, strictly greater (unsigned) than every version returned or observed. */
    public long next() {
        while (true) {
            long previous = last.get();
            long fromWall = wall.millis() << LOW_BITS | idBits;
            long version = Long.compareUnsigned(fromWall, previous) > 0 ? fromWall : after(previous);
            if (last.compareAndSet(previous, version)) {
                return version;
            }
        }
    }

    /** The smallest version with this clock's id above {@code previous}, whoever minted that. */
    private long after(long previous) {
        long millis = previous >>> LOW_BITS;
        int previousId = coordinatorOf(previous);
        long version;
        if (previousId < id) {
            version = millis << LOW_BITS | idBits;
        } else if (previousId == id && (previous & COUNTER_MASK) < COUNTER_MASK) {
            version = previous + 1;
        } else {
            // carries into the next millisecond; past the 48 bits of milliseconds it wraps to 0
            version = (millis + 1) << LOW_BITS | idBits;
        }
        if (Long.compareUnsigned(version, previous) <= 0) {
            // wrapping would make every later write lose to every earlier one
            throw new IllegalStateException("versions exhausted: observed " + Long.toUnsignedString(previous));
        }
        return version;
    }

    /**
     * Keeps later {@link #next()} results above a version seen elsewhere: a node's highest version
     * when the coordinator starts, an item's CAS on a node, a client's {@code E}. A version more
     * than the allowed skew ahead of the wall clock is not adopted.
     *
     * @param source what it came from, for the one log line per source a refusal gets (never a key)
     * @return false when it was refused as too far ahead
     */
    public boolean observe(long version, String source) {
        if (isTooFarAhead(version)) {
            refused.increment();
            if (warned.add(source)) {
                log.warn("{} has a version {} ms ahead of this coordinator's clock, more than cluster.max_clock_skew"
                        + " ({} ms): not adopted (logged once per source; counted in stats as versions_refused_ahead)",
                        source, millisOf(version) - wall.millis(), maxSkewMillis);
            }
            return false;
        }
        raiseTo(version);
        return true;
    }

    /**
     * Starts above every version of the milliseconds up to {@code millis}: the bound a previous run
     * persisted ({@link VersionBound}), ahead of the wall clock by design, so never refused.
     */
    public void observeBound(long millis) {
        raiseTo(millis << LOW_BITS | LOW_MASK);
    }

    /** More than the allowed skew ahead of the wall clock now. */
    public boolean isTooFarAhead(long version) {
        return millisOf(version) > wall.millis() + maxSkewMillis;
    }

    /** The highest version returned or observed so far (0 before any). */
    public long last() {
        return last.get();
    }

    public int id() {
        return id;
    }

    /** How many observed versions were refused as too far ahead. */
    public long refusedAhead() {
        return refused.sum();
    }

    public Duration maxSkew() {
        return Duration.ofMillis(maxSkewMillis);
    }

    private void raiseTo(long version) {
        while (true) {
            long previous = last.get();
            if (Long.compareUnsigned(version, previous) <= 0 || last.compareAndSet(previous, version)) {
                return;
            }
        }
    }

    /** The wall-clock milliseconds a version was made at (or ahead of, after a burst). */
    public static long millisOf(long version) {
        return version >>> LOW_BITS;
    }

    /** The id of the coordinator that minted a version. */
    public static int coordinatorOf(long version) {
        return (int) (version >>> COUNTER_BITS) & MAX_ID;
    }
}
