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

    private static final Duration SKEW = Duration.ofMillis(500);

    private final ManualClock wall = new ManualClock();
    private final long startMillis = wall.millis();
    private final HybridClock clock = new HybridClock(wall, 0, SKEW);

    @Test
    void aVersionIsTheWallClockMillisWithTheIdAndACounterBelow() {
        HybridClock seven = new HybridClock(wall, 7, SKEW);
        long version = seven.next();
        assertThat(version).isEqualTo(startMillis << 16 | 7 << 12);
        assertThat(HybridClock.millisOf(version)).isEqualTo(startMillis);
        assertThat(HybridClock.coordinatorOf(version)).isEqualTo(7);
        assertThat(seven.next()).isEqualTo(version + 1);
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
    void aBurstBeyondTheTwelveBitCounterCarriesIntoTheNextMillisecondKeepingTheId() {
        HybridClock three = new HybridClock(wall, 3, SKEW);
        long last = 0;
        for (int i = 0; i < 1 << 12; i++) {
            last = three.next();
        }
        assertThat(last).isEqualTo(startMillis << 16 | 3 << 12 | 0xFFF);
        long carried = three.next();
        assertThat(carried).isEqualTo((startMillis + 1) << 16 | 3 << 12);
        assertThat(HybridClock.coordinatorOf(carried)).isEqualTo(3);

        // When the wall clock reaches that millisecond, the clock is already there: it counts on.
        wall.advance(Duration.ofMillis(1));
        assertThat(three.next()).isEqualTo(carried + 1);
    }

    @Test
    void twoCoordinatorsOnTheSameMillisecondNeverMintTheSameVersion() {
        HybridClock one = new HybridClock(wall, 1, SKEW);
        HybridClock two = new HybridClock(wall, 2, SKEW);
        List<Long> versions = new ArrayList<>();
        for (int i = 0; i < 10_000; i++) {
            versions.add(one.next());
            versions.add(two.next());
            if (i % 1000 == 0) {
                wall.advance(Duration.ofMillis(1));
            }
        }
        assertThat(versions).doesNotHaveDuplicates();
    }

    @Test
    void theIdMustFitItsFourBits() {
        assertThatThrownBy(() -> new HybridClock(wall, 16, SKEW)).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("coordinator id 16 is out of range (expected 0-15)");
        assertThatThrownBy(() -> new HybridClock(wall, -1, SKEW)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void staysAheadOfAVersionObservedFromAnotherCoordinatorAndMintsItsOwnId() {
        HybridClock five = new HybridClock(wall, 5, SKEW);
        // another coordinator's version, a higher id, 250 ms ahead: within the skew
        long elsewhere = (startMillis + 250) << 16 | 9 << 12 | 7;
        assertThat(five.observe(elsewhere, "node-1")).isTrue();
        long next = five.next();
        assertThat(Long.compareUnsigned(next, elsewhere)).isPositive();
        assertThat(next).isEqualTo((startMillis + 251) << 16 | 5 << 12);

        // a lower id on the same millisecond: the own id is already above it
        HybridClock nine = new HybridClock(wall, 9, SKEW);
        nine.observe((startMillis + 250) << 16 | 5 << 12 | 100, "node-1");
        assertThat(nine.next()).isEqualTo((startMillis + 250) << 16 | 9 << 12);
    }

    @Test
    void ignoresAnObservedVersionBehindItsOwn() {
        wall.advance(Duration.ofMillis(10));
        long own = clock.next();
        clock.observe((startMillis << 16) | 3, "node-1");
        clock.observe(42, "node-2"); // a CAS value a plain memcached counter gave, not a version
        assertThat(clock.next()).isEqualTo(own + 1);
    }

    @Test
    void refusesAnObservedVersionFurtherAheadThanTheSkewAndCountsIt() {
        long edge = (startMillis + 500) << 16 | 0xFFFF;
        assertThat(clock.observe(edge, "node-1")).as("exactly the skew ahead").isTrue();
        long beyond = (startMillis + 501) << 16;
        assertThat(clock.observe(beyond, "node-1")).isFalse();
        assertThat(clock.observe(beyond, "node-2")).isFalse();
        assertThat(clock.observe(beyond, "node-1")).isFalse();
        assertThat(clock.refusedAhead()).isEqualTo(3);
        assertThat(clock.next()).as("the refused versions left no trace").isEqualTo(edge + 1);
    }

    @Test
    void aVersionTooFarAheadIsJudgedAgainstTheWallClockOfTheMoment() {
        long ahead = (startMillis + 2000) << 16;
        assertThat(clock.isTooFarAhead(ahead)).isTrue();
        wall.advance(Duration.ofMillis(1500));
        assertThat(clock.isTooFarAhead(ahead)).isFalse();
        assertThat(clock.observe(ahead, "node-1")).isTrue();
        assertThat(Long.compareUnsigned(clock.next(), ahead)).isPositive();
    }

    @Test
    void aPersistedBoundIsAdoptedWhateverTheSkew() {
        long bound = startMillis + 10_000;
        clock.observeBound(bound);
        long next = clock.next();
        assertThat(HybridClock.millisOf(next)).as("above every version of millisecond %d", bound)
                .isEqualTo(bound + 1);
        assertThat(clock.refusedAhead()).isZero();
    }

    @Test
    void comparesVersionsUnsigned() {
        // beyond year 6000 versions have the high bit set: they must still compare as larger
        ManualClock far = new ManualClock(1L << 47);
        HybridClock late = new HybridClock(far, 0, SKEW);
        long highBitSet = late.next();
        assertThat(highBitSet).isNegative();
        assertThat(late.observe(highBitSet - 5, "node-1")).isTrue();
        assertThat(late.observe(42, "node-1")).isTrue();
        assertThat(Long.compareUnsigned(late.next(), highBitSet)).isPositive();
    }

    @Test
    void refusesToWrapAroundAfterTheLastMillisecond() {
        ManualClock end = new ManualClock((1L << 48) - 1);
        HybridClock last = new HybridClock(end, 15, SKEW);
        last.observe(-1L, "node-1");
        assertThatThrownBy(last::next)
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
            assertThat(Arrays.stream(all).allMatch(v -> HybridClock.coordinatorOf(v) == 0)).isTrue();
        } finally {
            pool.shutdownNow();
        }
    }
}
