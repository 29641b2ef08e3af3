package io.memcluster.time;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;

/** A clock that moves only when told to: for tests of expiry, schedules and timeouts. */
public final class ManualClock implements Clock {

    private final AtomicLong millis;

    public ManualClock(long startMillis) {
        this.millis = new AtomicLong(startMillis);
    }

    /** Starts at a fixed, realistic instant (2026-01-01T00:00:00Z) so unix-time exptimes work. */
    public ManualClock() {
        this(1_767_225_600_000L);
    }

    @Override
    public long millis() {
        return millis.get();
    }

    public void advance(Duration by) {
        millis.addAndGet(by.toMillis());
    }

    public void advanceSeconds(long seconds) {
        millis.addAndGet(seconds * 1000);
    }
}
