package io.memcluster.auth;

import static org.assertj.core.api.Assertions.assertThat;

import io.memcluster.time.ManualClock;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class LoginThrottleTest {

    private final ManualClock clock = new ManualClock();
    private final LoginThrottle throttle = new LoginThrottle(clock, 3);
    private int guesses;

    @Test
    void firstThreeFailuresCostNothing() {
        for (int i = 0; i < 3; i++) {
            fail("10.0.0.1", 1);
            assertThat(throttle.waitFor("10.0.0.1")).isZero();
        }
    }

    @Test
    void laterFailuresDoubleTheWaitUpToTheCap() {
        fail("10.0.0.1", 3);

        fail("10.0.0.1", 1);
        assertThat(throttle.waitFor("10.0.0.1")).isEqualTo(Duration.ofSeconds(1));
        fail("10.0.0.1", 1);
        assertThat(throttle.waitFor("10.0.0.1")).isEqualTo(Duration.ofSeconds(2));
        fail("10.0.0.1", 1);
        assertThat(throttle.waitFor("10.0.0.1")).isEqualTo(Duration.ofSeconds(4));
        fail("10.0.0.1", 100);
        assertThat(throttle.waitFor("10.0.0.1")).isEqualTo(LoginThrottle.MAX_DELAY);
    }

    @Test
    void waitShrinksAsTimePasses() {
        fail("10.0.0.1", 5); // 2 s after the 5th failure

        clock.advance(Duration.ofMillis(1500));
        assertThat(throttle.waitFor("10.0.0.1")).isEqualTo(Duration.ofMillis(500));
        clock.advance(Duration.ofMillis(500));
        assertThat(throttle.waitFor("10.0.0.1")).isZero();
    }

    @Test
    void oneUsersSuccessDoesNotClearTheFailuresOfItsAddress() {
        LoginThrottle throttle = new LoginThrottle(clock);
        for (int i = 0; i < 3; i++) {
            assertThat(throttle.reserve("10.0.0.1", "admin")).isZero(); // wrong: never taken back
        }
        assertThat(throttle.reserve("10.0.0.1", "mallory")).isZero();
        throttle.succeeded("10.0.0.1", "mallory");

        assertThat(throttle.reserve("10.0.0.1", "admin")).isZero();
        assertThat(throttle.reserve("10.0.0.1", "admin")).isEqualTo(LoginThrottle.FIRST_DELAY);
        assertThat(throttle.reserve("10.0.0.1", "mallory")).isEqualTo(LoginThrottle.FIRST_DELAY);
    }

    @Test
    void attemptsInParallelAreCountedBeforeTheirChecks() {
        LoginThrottle throttle = new LoginThrottle(clock);
        int checked = 0;
        for (int i = 0; i < 60; i++) {
            if (throttle.reserve("10.0.0.1", "admin").isZero()) {
                checked++;
            }
        }

        assertThat(checked).isEqualTo(LoginThrottle.FREE_FAILURES + 1);
    }

    @Test
    void aUserGuessedFromManyAddressesIsThrottledEverywhere() {
        LoginThrottle throttle = new LoginThrottle(clock);
        for (int i = 1; i <= 4; i++) {
            assertThat(throttle.reserve("10.0.0." + i, "admin")).isZero();
        }

        assertThat(throttle.reserve("10.0.0.99", "admin")).isEqualTo(LoginThrottle.FIRST_DELAY);
        assertThat(throttle.reserve("10.0.0.99", "alice")).isZero();
    }

    @Test
    void successClearsItsUserAndTakesItsAttemptBack() {
        LoginThrottle throttle = new LoginThrottle(clock);
        for (int i = 1; i <= 3; i++) {
            throttle.reserve("10.0.0." + i, "alice");
        }
        throttle.reserve("10.0.0.9", "alice");
        throttle.succeeded("10.0.0.9", "alice");

        for (int i = 0; i < 4; i++) {
            assertThat(throttle.reserve("10.0.0.9", "alice")).isZero();
        }
    }

    @Test
    void releasedAttemptCountsForNothing() {
        LoginThrottle throttle = new LoginThrottle(clock);
        for (int i = 0; i < 10; i++) {
            throttle.reserve("10.0.0.1", "admin");
            throttle.release("10.0.0.1", "admin");
        }

        assertThat(throttle.waitFor("10.0.0.1")).isZero();
        assertThat(throttle.tracked()).isZero();
    }

    @Test
    void addressesAreThrottledSeparately() {
        fail("10.0.0.1", 6);

        assertThat(throttle.waitFor("10.0.0.1")).isPositive();
        assertThat(throttle.waitFor("10.0.0.2")).isZero();
    }

    @Test
    void quietAddressIsForgotten() {
        fail("10.0.0.1", 10);
        clock.advance(LoginThrottle.FORGET_AFTER);

        assertThat(throttle.waitFor("10.0.0.1")).isZero();
        fail("10.0.0.1", 1);
        assertThat(throttle.waitFor("10.0.0.1")).isZero();
    }

    @Test
    void memoryIsBoundedByForgettingTheLeastRecentlySeen() {
        fail("10.0.0.1", 6);
        for (int i = 2; i <= 10; i++) {
            fail("10.0.0." + i, 1);
        }

        assertThat(throttle.tracked()).isEqualTo(3);
        assertThat(throttle.waitFor("10.0.0.1")).isZero();
        assertThat(throttle.waitFor("10.0.0.10")).isZero();
    }

    @Test
    void recentlySeenAddressSurvivesAFlood() {
        fail("10.0.0.1", 6);
        fail("10.0.0.2", 1);
        throttle.waitFor("10.0.0.1"); // seen again: now the most recent
        fail("10.0.0.3", 1);
        fail("10.0.0.4", 1);

        assertThat(throttle.waitFor("10.0.0.1")).isPositive();
    }

    /** Wrong guesses at a new username each, each once the address's wait is over. */
    private void fail(String address, int times) {
        for (int i = 0; i < times; i++) {
            String username = "user" + guesses++;
            Duration wait = throttle.reserve(address, username);
            if (!wait.isZero()) {
                clock.advance(wait);
                assertThat(throttle.reserve(address, username)).isZero();
            }
        }
    }
}
