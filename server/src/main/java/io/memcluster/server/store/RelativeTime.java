package io.memcluster.server.store;

import io.memcluster.time.Clock;

/**
 * memcached's notion of time: whole seconds since shortly before the store started, so that an
 * int holds any expiry and 0 can mean "never". Converts client exptimes with memcached's rules:
 * 0 is never, negative is already expired, up to 30 days is relative, above is a unix time.
 */
public final class RelativeTime {

    /** exptimes above this many seconds are unix timestamps (memcached's REALTIME_MAXDELTA). */
    public static final long MAX_RELATIVE_SECONDS = 60L * 60 * 24 * 30;

    private final Clock clock;
    /** Unix time of relative second 0; two seconds back so that "now" is never 0 or 1. */
    private final long processStarted;

    public RelativeTime(Clock clock) {
        this.clock = clock;
        this.processStarted = clock.seconds() - 2;
    }

    public int now() {
        return (int) (clock.seconds() - processStarted);
    }

    /** A client exptime as relative seconds; 0 = never, 1 = already expired. */
    public int fromExptime(long exptime) {
        if (exptime < 0) {
            return 1;
        }
        if (exptime == 0) {
            return 0;
        }
        if (exptime > MAX_RELATIVE_SECONDS) {
            if (exptime <= processStarted) {
                return 1;
            }
            return (int) Math.min(Integer.MAX_VALUE, exptime - processStarted);
        }
        return (int) Math.min(Integer.MAX_VALUE, exptime + now());
    }

    /**
     * A unix time as relative seconds, for what a snapshot kept: a moment before this process
     * started may be negative (never 0, which means "never"). For last-access times.
     */
    public int fromUnix(long unix) {
        long relative = unix - processStarted;
        if (relative == 0) {
            return -1;
        }
        return (int) Math.max(Integer.MIN_VALUE / 2, Math.min(Integer.MAX_VALUE, relative));
    }

    /** Relative seconds back to unix time. */
    public long toUnix(int relative) {
        return processStarted + relative;
    }

    public Clock clock() {
        return clock;
    }
}
