package io.memcluster.login;

import io.netty.channel.Channel;
import java.time.Duration;
import java.util.Iterator;
import java.util.LinkedHashSet;
import java.util.Objects;

/**
 * The connections that have not logged in yet, shared by every listener of a server: each has
 * {@link #deadline()} to log in, and together they may hold at most {@link #maxWaiting()}
 * connection slots, so that the rest of max_connections stays for connections that have logged
 * in. A connection that needs a slot they hold takes the one of the connection that has waited
 * longest, which is closed: idle connections that never log in (200 TLS connections that never
 * finish, or never start, a handshake) can then delay a legitimate client by no more than its
 * own login, never lock it out.
 */
public final class PendingLogins {

    /** No deadline and no bound: for tests of the login step alone. */
    public static PendingLogins unbounded() {
        return new PendingLogins(Duration.ZERO, Integer.MAX_VALUE);
    }

    private final Duration deadline;
    private final int maxWaiting;
    // in the order they connected: the first is the one that has waited longest
    private final LinkedHashSet<Channel> waiting = new LinkedHashSet<>();

    /**
     * @param deadline   how long a connection may take to log in; zero for ever
     * @param maxWaiting slots the connections not logged in may hold together, at least 1
     */
    public PendingLogins(Duration deadline, int maxWaiting) {
        Objects.requireNonNull(deadline, "deadline");
        if (deadline.isNegative() || maxWaiting < 1) {
            throw new IllegalArgumentException("deadline must not be negative and maxWaiting at least 1, got "
                    + deadline + " and " + maxWaiting);
        }
        this.deadline = deadline;
        this.maxWaiting = maxWaiting;
    }

    public Duration deadline() {
        return deadline;
    }

    public int maxWaiting() {
        return maxWaiting;
    }

    /** Counts {@code channel} as waiting to log in, closing the longest waiting one past the bound. */
    void admit(Channel channel) {
        Channel evicted = null;
        synchronized (this) {
            waiting.add(channel);
            if (waiting.size() > maxWaiting) {
                evicted = removeOldest();
            }
        }
        if (evicted != null) {
            evicted.close();
        }
        channel.closeFuture().addListener(f -> leave(channel));
    }

    /** {@code channel} has logged in, or closed. */
    synchronized void leave(Channel channel) {
        waiting.remove(channel);
    }

    /**
     * Makes room for a new connection at max_connections: closes the connection that has waited
     * longest to log in, if any.
     *
     * @return whether one was closed (its slot is free once the close completes)
     */
    public boolean evictLongestWaiting() {
        Channel evicted;
        synchronized (this) {
            evicted = removeOldest();
        }
        if (evicted == null) {
            return false;
        }
        evicted.close();
        return true;
    }

    /** How many connections wait to log in now. */
    public synchronized int waiting() {
        return waiting.size();
    }

    private Channel removeOldest() {
        Iterator<Channel> oldest = waiting.iterator();
        if (!oldest.hasNext()) {
            return null;
        }
        Channel channel = oldest.next();
        oldest.remove();
        return channel;
    }
}
