package io.memcluster.auth;

import io.memcluster.time.Clock;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Slows down password guessing from one address. The first {@value #FREE_FAILURES} failures
 * cost nothing (people mistype); each later one makes the address wait before its next attempt,
 * {@link #FIRST_DELAY} after the 4th failure and twice as long after each further one, up to
 * {@link #MAX_DELAY}. A success clears the address, and so does a quiet period of
 * {@link #FORGET_AFTER}. The caller refuses attempts made during the wait without checking them,
 * so guessing faster does not help.
 *
 * <p>At most {@code maxTracked} addresses are remembered, the least recently seen forgotten
 * first, so a flood of addresses costs bounded memory; it can then reset some address's
 * count, which costs an attacker as much as using a fresh address anyway.
 */
public final class LoginThrottle {

    public static final int FREE_FAILURES = 3;
    public static final Duration FIRST_DELAY = Duration.ofSeconds(1);
    public static final Duration MAX_DELAY = Duration.ofSeconds(60);
    public static final Duration FORGET_AFTER = Duration.ofMinutes(15);
    public static final int DEFAULT_MAX_TRACKED = 10_000;

    private final Clock clock;
    private final Map<String, Failures> byAddress;

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
        this.byAddress = new LinkedHashMap<>(16, 0.75f, true) {
            @Override
            protected boolean removeEldestEntry(Map.Entry<String, Failures> eldest) {
                return size() > maxTracked;
            }
        };
    }

    /**
     * How long {@code address} must still wait before its next attempt; {@link Duration#ZERO}
     * when it may try now.
     *
     * @param address the client's IP address, without the port (a new connection gets a new port)
     */
    public synchronized Duration waitFor(String address) {
        Failures failures = current(address);
        if (failures == null) {
            return Duration.ZERO;
        }
        long remaining = failures.lastMillis + delayAfter(failures.count).toMillis() - clock.millis();
        return remaining > 0 ? Duration.ofMillis(remaining) : Duration.ZERO;
    }

    public synchronized void recordFailure(String address) {
        Failures failures = current(address);
        int count = failures == null ? 1 : failures.count + 1;
        byAddress.put(address, new Failures(count, clock.millis()));
    }

    public synchronized void recordSuccess(String address) {
        byAddress.remove(address);
    }

    /** How many addresses are remembered now. */
    public synchronized int tracked() {
        return byAddress.size();
    }

    private Failures current(String address) {
        Failures failures = byAddress.get(address);
        if (failures != null && clock.millis() - failures.lastMillis >= FORGET_AFTER.toMillis()) {
            byAddress.remove(address);
            return null;
        }
        return failures;
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
