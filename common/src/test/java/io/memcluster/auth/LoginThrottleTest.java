package io.memcluster.auth;

import static org.assertj.core.api.Assertions.assertThat;

import io.memcluster.time.ManualClock;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class LoginThrottleTest {

    private final ManualClock clock = new ManualClock();
    private final LoginThrottle throttle = new LoginThrottle(clock, 3);

    @Test
    void firstThreeFailuresCostNothing() {
        for (int i = 0; i < 3; i++) {
            throttle.recordFailure("10.0.0.1");
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
    void successClearsTheAddress() {
        fail("10.0.0.1", 6);
        throttle.recordSuccess("10.0.0.1");

        assertThat(throttle.waitFor("10.0.0.1")).isZero();
        fail("10.0.0.1", 3);
        assertThat(throttle.waitFor("10.0.0.1")).isZero();
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

    private void fail(String address, int times) {
        for (int i = 0; i < times; i++) {
            throttle.recordFailure(address);
        }
    }
}
