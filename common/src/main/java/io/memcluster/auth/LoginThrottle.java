package io.memcluster.auth;

import io.memcluster.time.Clock;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Slows down password guessing, counted twice: per address (one machine trying many users) and
 * per username (many machines trying one user). For each, the first {@value #FREE_FAILURES}
 * failures cost nothing (people mistype); each later one makes the next attempt wait,
 * {@link #FIRST_DELAY} after the 4th failure and twice as long after each further one, up to
 * {@link #MAX_DELAY}. An attempt must wait for whichever of the two is longer. A quiet period of
 * {@link #FORGET_AFTER} forgets a count.
 *
 * <p>An attempt is counted as a failure when it is {@linkplain #reserve reserved}, before its
 * check, so that guesses sent in parallel are throttled as surely as guesses sent one after
 * another: the check only takes the count back when it succeeds. A success clears the
 * failures of its own username only, never its address's: otherwise an attacker holding one
 * account could wipe the count of its guesses at another by logging in between them.
 *
 * <p>At most {@code maxTracked} addresses, and as many usernames, are remembered, the least recently
 * seen forgotten first, so a flood costs bounded memory; it can then reset some count, which
 * costs an attacker as much as using a fresh address anyway. The caller refuses attempts that
 * must wait without checking them, so guessing faster does not help.
 */
public final class LoginThrottle {

    public static final int FREE_FAILURES = 3;
    public static final Duration FIRST_DELAY = Duration.ofSeconds(1);
    public static final Duration MAX_DELAY = Duration.ofSeconds(60);
    public static final Duration FORGET_AFTER = Duration.ofMinutes(15);
    public static final int DEFAULT_MAX_TRACKED = 10_000;

    private final Clock clock;
    private final Map<String, Failures> byAddress;
    private final Map<String, Failures> byUser;
    private final Map<String, Long> lastSuccessByAddress;

    private record Failures(int count, long lastMillis) {
    }

    public LoginThrottle(Clock clock) {
        this(clock, DEFAULT_MAX_TRACKED);
    }

    public LoginThrottle(Clock clock, int maxTracked) {
        if (maxTracked < 1) {
            throw new IllegalArgumentException("maxTracked must be at least 1, got " + maxTracked);
        }
        this.clock = clock;
        this.byAddress = leastRecentlySeenFirst(maxTracked);
        this.byUser = leastRecentlySeenFirst(maxTracked);
        this.lastSuccessByAddress = leastRecentlySeenFirst(maxTracked);
    }

    /** What the throttle knows of an address, by which password checks are ordered under load. */
    public enum Standing {
        /** A login from it succeeded within {@link #FORGET_AFTER}, and none of its attempts is counted as failed. */
        TRUSTED,
        /** Nothing: no recent success, no failure. */
        UNKNOWN,
        /** Some of its attempts failed, or are being checked, within {@link #FORGET_AFTER}. */
        FAILING
    }

    private static <V> Map<String, V> leastRecentlySeenFirst(int maxTracked) {
        return new LinkedHashMap<>(16, 0.75f, true) {
            @Override
            protected boolean removeEldestEntry(Map.Entry<String, V> eldest) {
                return size() > maxTracked;
            }
        };
    }

    /**
     * Takes an attempt at logging in as {@code username} from {@code address}, counted as a
     * failure of both until {@link #succeeded} or {@link #release} says otherwise.
     *
     * @param address the client's IP address, without the port (a new connection gets a new port)
     * @return {@link Duration#ZERO} when the attempt may be checked; else how long it must still
     *         wait, and nothing is counted
     */
    public synchronized Duration reserve(String address, String username) {
        Duration wait = longer(waitFor(byAddress, address), waitFor(byUser, username));
        if (!wait.isZero()) {
            return wait;
        }
        count(byAddress, address, 1);
        count(byUser, username, 1);
        return Duration.ZERO;
    }

    /** The reserved attempt was not checked after all (the checks were busy): it counts for nothing. */
    public synchronized void release(String address, String username) {
        count(byAddress, address, -1);
        count(byUser, username, -1);
    }

    /**
     * The reserved attempt was right: it counts for nothing, and the user's failures are
     * cleared. The address keeps the failures it had, whoever they were against.
     */
    public synchronized void succeeded(String address, String username) {
        count(byAddress, address, -1);
        byUser.remove(username);
        lastSuccessByAddress.put(address, clock.millis());
    }

    /** Asked before {@link #reserve}, whose own count would make every address look failing. */
    public synchronized Standing standing(String address) {
        if (current(byAddress, address) != null) {
            return Standing.FAILING;
        }
        Long success = lastSuccessByAddress.get(address);
        if (success != null && clock.millis() - success < FORGET_AFTER.toMillis()) {
            return Standing.TRUSTED;
        }
        return Standing.UNKNOWN;
    }

    /** How long an attempt from {@code address} must still wait, whatever the username. */
    public synchronized Duration waitFor(String address) {
        return waitFor(byAddress, address);
    }

    /** How many addresses are remembered now. */
    public synchronized int tracked() {
        return byAddress.size();
    }

    private Duration waitFor(Map<String, Failures> counts, String key) {
        Failures failures = current(counts, key);
        if (failures == null) {
            return Duration.ZERO;
        }
        long remaining = failures.lastMillis + delayAfter(failures.count).toMillis() - clock.millis();
        return remaining > 0 ? Duration.ofMillis(remaining) : Duration.ZERO;
    }

    /** Adds {@code delta} to a count; an attempt taken back leaves the time of the last one. */
    private void count(Map<String, Failures> counts, String key, int delta) {
        Failures failures = current(counts, key);
        int count = Math.max(0, (failures == null ? 0 : failures.count) + delta);
        if (count == 0) {
            counts.remove(key);
        } else {
            counts.put(key, new Failures(count, delta > 0 || failures == null ? clock.millis() : failures.lastMillis));
        }
    }

    private Failures current(Map<String, Failures> counts, String key) {
        Failures failures = counts.get(key);
        if (failures != null && clock.millis() - failures.lastMillis >= FORGET_AFTER.toMillis()) {
            counts.remove(key);
            return null;
        }
        return failures;
    }

    private static Duration longer(Duration a, Duration b) {
        return a.compareTo(b) >= 0 ? a : b;
    }

    /** The wait after the {@code count}-th failure in a row: 1 s after the 4th, 2 s after the 5th... */
    static Duration delayAfter(int count) {
        if (count <= FREE_FAILURES) {
            return Duration.ZERO;
        }
        int doublings = Math.min(count - FREE_FAILURES - 1, 30);
        long millis = FIRST_DELAY.toMillis() << doublings;
        return Duration.ofMillis(Math.min(millis, MAX_DELAY.toMillis()));
    }
}
