package io.memcluster.logging;

import io.memcluster.time.Clock;
import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.time.Duration;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.event.Level;

/**
 * Lets one client address write {@link #LINES_PER_WINDOW} lines of one kind (one format string)
 * per {@link #WINDOW}, and one more: without it every unauthenticated probe, failed handshake or wrong
 * password writes a line, and a client that repeats one costs the operator's disk and log
 * shipping as much as it likes. The first line over the limit is still logged, saying that the
 * rest are not; the first line of a later window says how many were not. Logging itself happens
 * outside the lock.
 *
 * <p>At most {@code maxTracked} (address, kind) pairs are remembered, the least recently seen
 * forgotten first, as {@link io.memcluster.auth.LoginThrottle} does: bounded memory, and an
 * address that is forgotten starts a fresh window, which costs a flood of addresses no more
 * than fresh addresses would.
 */
public final class PerAddressLogLimiter {

    /** Lines of one kind one address may write per window; one more says that the rest are not. */
    public static final int LINES_PER_WINDOW = 5;
    public static final Duration WINDOW = Duration.ofMinutes(1);
    public static final int DEFAULT_MAX_TRACKED = 10_000;

    private final Clock clock;
    private final int linesPerWindow;
    private final long windowMillis;
    private final Map<String, Window> windows;

    private static final class Window {
        long startMillis;
        int logged;
        long held;
    }

    /** @param clock the wall clock the front end has; a jump only shortens or stretches one window */
    public PerAddressLogLimiter(Clock clock) {
        this(clock, LINES_PER_WINDOW, WINDOW, DEFAULT_MAX_TRACKED);
    }

    public PerAddressLogLimiter(Clock clock, int linesPerWindow, Duration window, int maxTracked) {
        if (linesPerWindow < 1) {
            throw new IllegalArgumentException("linesPerWindow must be at least 1, got " + linesPerWindow);
        }
        if (window.isNegative() || window.isZero()) {
            throw new IllegalArgumentException("window must be positive, got " + window);
        }
        if (maxTracked < 1) {
            throw new IllegalArgumentException("maxTracked must be at least 1, got " + maxTracked);
        }
        this.clock = clock;
        this.linesPerWindow = linesPerWindow;
        this.windowMillis = window.toMillis();
        this.windows = new LinkedHashMap<>(16, 0.75f, true) {
            @Override
            protected boolean removeEldestEntry(Map.Entry<String, Window> eldest) {
                return size() > maxTracked;
            }
        };
    }

    /**
     * Logs {@code format} with {@code args} at {@code level}, unless {@code address} has used up
     * its lines of this format in the current window (it has then been told so in the log).
     *
     * @param address the client's; lines are counted per IP address, not per connection
     * @param format  an SLF4J format string, a constant: it names the kind of line
     */
    public void log(Logger logger, Level level, SocketAddress address, String format, Object... args) {
        if (!logger.isEnabledForLevel(level)) {
            return;
        }
        String host = host(address);
        long heldBefore = 0;
        boolean atLimit = false;
        synchronized (this) {
            long now = clock.millis();
            Window window = windows.computeIfAbsent(host + '\n' + format, k -> new Window());
            if (window.logged == 0 || now - window.startMillis >= windowMillis) {
                heldBefore = window.held;
                window.startMillis = now;
                window.logged = 1;
                window.held = 0;
            } else if (window.logged < linesPerWindow) {
                window.logged++;
            } else if (window.logged == linesPerWindow) {
                window.logged++;
                atLimit = true;
            } else {
                window.held++;
                return;
            }
        }
        if (atLimit) {
            logger.atLevel(level).log(format + " (more than {} like it from {} within {} s: the rest are not logged)",
                    append(args, linesPerWindow, host, windowMillis / 1000));
        } else if (heldBefore > 0) {
            logger.atLevel(level).log(format + " ({} more like it from {} were not logged)",
                    append(args, heldBefore, host));
        } else {
            logger.atLevel(level).log(format, args);
        }
    }

    private static Object[] append(Object[] args, Object... more) {
        Object[] all = Arrays.copyOf(args, args.length + more.length);
        System.arraycopy(more, 0, all, args.length, more.length);
        return all;
    }

    private static String host(SocketAddress address) {
        if (address instanceof InetSocketAddress inet && inet.getAddress() != null) {
            return inet.getAddress().getHostAddress();
        }
        return String.valueOf(address);
    }
}
