package io.memcluster.server.store;

import static io.memcluster.server.store.StoreFixture.bytes;
import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** exptime, touch, flush_all and the crawler, on a manual clock. */
class StoreExpiryTest {

    private static final long THIRTY_DAYS = 60L * 60 * 24 * 30;

    private final StoreFixture f = new StoreFixture();

    @Test
    void aRelativeExptimeCountsSecondsFromTheStore() {
        f.set("k", 0, 10, "v");

        f.advance(9);
        assertThat(f.get("k")).isEqualTo("v");
        f.advance(1);
        assertThat(f.get("k")).isNull();
    }

    @Test
    void aGetThatFindsAnExpiredItemIsCounted() {
        f.set("k", 0, 10, "v");
        f.set("other", 0, 10, "v");
        f.advance(10);

        assertThat(f.get("k")).isNull();
        assertThat(f.get("never-stored")).isNull();

        assertThat(f.store.counters().getExpired.sum()).isEqualTo(1);
        assertThat(f.store.counters().expiredUnfetched.sum()).isEqualTo(1);
    }

    @Test
    void anExpiredItemIsReleasedWhenFound() {
        f.set("k", 0, 10, "v");
        f.advance(10);

        f.get("k");

        assertThat(f.store.bytesUsed()).isZero();
        assertThat(f.store.itemCount()).isZero();
    }

    @Test
    void exptimeZeroNeverExpires() {
        f.set("k", 0, 0, "v");

        f.advance(10L * 365 * 24 * 3600);

        assertThat(f.get("k")).isEqualTo("v");
    }

    @Test
    void aNegativeExptimeExpiresAtOnce() {
        assertThat(f.set("k", 0, -1, "v")).isEqualTo(Outcome.STORED);

        assertThat(f.get("k")).isNull();
    }

    @Test
    void thirtyDaysIsStillRelative() {
        f.set("k", 0, THIRTY_DAYS, "v");

        f.advance(THIRTY_DAYS - 1);
        assertThat(f.get("k")).isEqualTo("v");
        f.advance(1);
        assertThat(f.get("k")).isNull();
    }

    @Test
    void anExptimeAboveThirtyDaysIsAFutureUnixTime() {
        long at = f.unixNow() + 100;
        f.set("k", 0, at, "v");

        f.advance(99);
        assertThat(f.get("k")).isEqualTo("v");
        f.advance(1);
        assertThat(f.get("k")).isNull();
    }

    @Test
    void anExptimeAboveThirtyDaysInThePastExpiresAtOnce() {
        f.advance(3600);

        f.set("long-ago", 0, THIRTY_DAYS + 1, "v");
        f.set("a-minute-ago", 0, f.unixNow() - 60, "v");

        assertThat(f.get("long-ago")).isNull();
        assertThat(f.get("a-minute-ago")).isNull();
    }

    @Test
    void ttlReportsTheRemainingSecondsOrMinusOne() {
        f.set("t", 0, 100, "v");
        f.set("forever", 0, 0, "v");
        f.advance(30);

        assertThat(f.store.ttlOf(f.store.peek(bytes("t")))).isEqualTo(70);
        assertThat(f.store.ttlOf(f.store.peek(bytes("forever")))).isEqualTo(-1);
        assertThat(f.store.expiresAtUnix(f.store.peek(bytes("t")))).isEqualTo(f.unixNow() + 70);
    }

    @Test
    void touchSetsANewExpiry() {
        f.set("k", 0, 10, "v");
        f.advance(5);

        Item touched = f.store.touch(bytes("k"), 100);

        assertThat(StoreFixture.text(touched)).isEqualTo("v");
        f.advance(99);
        assertThat(f.get("k")).isEqualTo("v");
        f.advance(1);
        assertThat(f.get("k")).isNull();
    }

    @Test
    void touchToZeroMakesAnItemPermanent() {
        f.set("k", 0, 10, "v");

        f.store.touch(bytes("k"), 0);

        f.advance(1000);
        assertThat(f.get("k")).isEqualTo("v");
    }

    @Test
    void touchCanShortenAndExpire() {
        f.set("k", 0, 0, "v");

        f.store.touch(bytes("k"), -1);

        assertThat(f.get("k")).isNull();
    }

    @Test
    void touchMissesAMissingOrExpiredItem() {
        f.set("k", 0, 10, "v");
        f.advance(10);

        assertThat(f.store.touch(bytes("k"), 100)).isNull();
        assertThat(f.store.touch(bytes("nothing"), 100)).isNull();
        assertThat(f.get("k")).isNull();
    }

    @Test
    void touchKeepsTheCas() {
        f.set("k", "v");
        long cas = f.item("k").cas();

        f.store.touch(bytes("k"), 100);

        assertThat(f.item("k").cas()).isEqualTo(cas);
    }

    @Test
    void flushAllNowRemovesEverything() {
        for (int i = 0; i < 1000; i++) {
            f.set("k" + i, "value " + i);
        }

        f.store.flushAll(0);

        assertThat(f.get("k1")).isNull();
        assertThat(f.get("k999")).isNull();
        assertThat(f.store.bytesUsed()).isZero();
        assertThat(f.store.itemCount()).isZero();
        assertThat(f.liveBytes()).isZero();
    }

    @Test
    void anItemStoredRightAfterFlushAllIsKept() {
        f.set("old", "v");
        f.store.flushAll(0);

        f.set("new", "v");

        assertThat(f.get("new")).isEqualTo("v");
        f.advance(5);
        assertThat(f.get("new")).isEqualTo("v");
        assertThat(f.get("old")).isNull();
    }

    @Test
    void flushAllWithADelayHidesOlderItemsOnlyWhenItComes() {
        f.set("before", "v");
        f.store.flushAll(10);
        f.advance(3);
        f.set("meanwhile", "v");

        f.advance(5);
        assertThat(f.get("before")).isEqualTo("v");
        assertThat(f.get("meanwhile")).isEqualTo("v");

        f.advance(2);
        assertThat(f.get("before")).isNull();
        assertThat(f.get("meanwhile")).isNull();
        assertThat(f.store.counters().getFlushed.sum()).isEqualTo(2);
    }

    @Test
    void anItemStoredAfterADelayedFlushHasPassedSurvives() {
        f.store.flushAll(10);
        f.advance(10);

        f.set("after", "v");

        f.advance(60);
        assertThat(f.get("after")).isEqualTo("v");
    }

    @Test
    void flushAllWithAUnixTimeWaitsForThatTime() {
        f.set("k", "v");

        f.store.flushAll(f.unixNow() + 100);

        f.advance(90);
        assertThat(f.get("k")).isEqualTo("v");
        f.advance(10);
        assertThat(f.get("k")).isNull();
    }

    @Test
    void reapExpiredRemovesExpiredItemsNobodyReads() {
        for (int i = 0; i < 200; i++) {
            f.set("short" + i, 0, 10, "v");
            f.set("long" + i, 0, 0, "v");
        }
        f.advance(10);

        long reaped = 0;
        for (int call = 0; call < 20 && reaped < 200; call++) {
            reaped += f.store.reapExpired(1000);
        }

        assertThat(reaped).isEqualTo(200);
        assertThat(f.store.itemCount()).isEqualTo(200);
        assertThat(f.store.bytesUsed()).isEqualTo(f.liveBytes());
        assertThat(f.store.counters().crawlerReclaimed.sum()).isEqualTo(200);
        assertThat(f.store.counters().reclaimed.sum()).isEqualTo(200);
        assertThat(f.store.counters().getExpired.sum()).isZero();
        assertThat(f.get("long7")).isEqualTo("v");
    }

    @Test
    void reapExpiredAlsoReclaimsFlushedItems() {
        for (int i = 0; i < 100; i++) {
            f.set("k" + i, "v");
        }
        f.store.flushAll(5);
        f.advance(5);

        long reaped = 0;
        for (int call = 0; call < 20 && reaped < 100; call++) {
            reaped += f.store.reapExpired(1000);
        }

        assertThat(reaped).isEqualTo(100);
        assertThat(f.store.bytesUsed()).isZero();
    }
}
