package io.memcluster.coordinator.version;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.memcluster.time.ManualClock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class HybridClockTest {

    private final ManualClock wall = new ManualClock();
    private final long startMillis = wall.millis();
    private final HybridClock clock = new HybridClock(wall);

    @Test
    void aVersionIsTheWallClockMillisWithACounterBelow() {
        long version = clock.next();
        assertThat(version).isEqualTo(startMillis << 16);
        assertThat(HybridClock.millisOf(version)).isEqualTo(startMillis);
    }

    @Test
    void countsOnWhileTheWallClockStandsStill() {
        long first = clock.next();
        assertThat(clock.next()).isEqualTo(first + 1);
        assertThat(clock.next()).isEqualTo(first + 2);
    }

    @Test
    void followsTheWallClockWhenItMovesOn() {
        clock.next();
        clock.next();
        wall.advance(Duration.ofMillis(5));
        assertThat(clock.next()).isEqualTo((startMillis + 5) << 16);
    }

    @Test
    void keepsTheLastMillisWhenTheWallClockStepsBack() {
        wall.advance(Duration.ofMillis(1000));
        long before = clock.next();
        wall.advance(Duration.ofMillis(-60_000));
        long after = clock.next();
        assertThat(after).isEqualTo(before + 1);
        assertThat(HybridClock.millisOf(after)).isEqualTo(startMillis + 1000);
    }

    @Test
    void aCounterOverflowCarriesIntoTheNextMillisecond() {
        long last = 0;
        for (int i = 0; i < 1 << 16; i++) {
            last = clock.next();
        }
        assertThat(last).isEqualTo(startMillis << 16 | 0xFFFF);
        long carried = clock.next();
        assertThat(carried).isEqualTo((startMillis + 1) << 16);

        // When the wall clock reaches that millisecond, the clock is already there: it counts on.
        wall.advance(Duration.ofMillis(1));
        assertThat(clock.next()).isEqualTo(carried + 1);
    }

    @Test
    void staysAheadOfAVersionObservedFromAnotherCoordinator() {
        long elsewhere = (startMillis + 250) << 16 | 7;
        clock.observe(elsewhere);
        assertThat(clock.next()).isEqualTo(elsewhere + 1);
    }

    @Test
    void ignoresAnObservedVersionBehindItsOwn() {
        wall.advance(Duration.ofMillis(10));
        long own = clock.next();
        clock.observe((startMillis << 16) | 3);
        clock.observe(42); // a CAS value a plain memcached counter gave, not a version
        assertThat(clock.next()).isEqualTo(own + 1);
    }

    @Test
    void comparesObservedVersionsUnsigned() {
        long highBitSet = 0x8000_0000_0000_0000L;
        clock.observe(highBitSet);
        assertThat(Long.compareUnsigned(clock.next(), highBitSet)).isPositive();
    }

    @Test
    void refusesToWrapAroundAfterObservingTheLastVersion() {
        clock.observe(-1L);
        assertThatThrownBy(clock::next)
                .isInstanceOf(IllegalStateException.class)
                .hasMessage("versions exhausted: observed 18446744073709551615");
    }

    @Test
    void versionsFromManyThreadsAreUniqueAndRisePerThread() throws Exception {
        int threads = 4;
        int perThread = 100_000;
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        try {
            CountDownLatch start = new CountDownLatch(1);
            List<Future<long[]>> results = new ArrayList<>();
            for (int t = 0; t < threads; t++) {
                boolean movesTheWallClock = t == 0;
                results.add(pool.submit(() -> {
                    start.await();
                    long[] versions = new long[perThread];
                    for (int i = 0; i < perThread; i++) {
                        if (movesTheWallClock && i % 1000 == 0) {
                            // Forwards, and now and then back, while the others are stamping.
                            wall.advance(Duration.ofMillis(i % 3000 == 0 ? -2 : 1));
                        }
                        versions[i] = clock.next();
                    }
                    return versions;
                }));
            }
            start.countDown();

            long[] all = new long[threads * perThread];
            for (int t = 0; t < threads; t++) {
                long[] versions = results.get(t).get(1, TimeUnit.MINUTES);
                for (int i = 1; i < perThread; i++) {
                    assertThat(Long.compareUnsigned(versions[i], versions[i - 1])).as("thread %d, call %d", t, i).isPositive();
                }
                System.arraycopy(versions, 0, all, t * perThread, perThread);
            }
            assertThat(Arrays.stream(all).distinct().count()).isEqualTo(all.length);
        } finally {
            pool.shutdownNow();
        }
    }
}
