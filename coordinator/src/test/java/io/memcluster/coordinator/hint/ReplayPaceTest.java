package io.memcluster.coordinator.hint;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class ReplayPaceTest {

    private static final long SECOND = 1_000_000_000L;

    @Test
    void aTenthOfASecondsBytesGoAtOnceThenTheRateHolds() {
        ReplayPace pace = new ReplayPace(64, 1000);
        long now = 5 * SECOND;

        int sent = 0;
        while (pace.ready(now) && sent < 1000) {
            pace.spend(10);
            sent++;
        }

        assertThat(sent).as("100 bytes of burst, 10 each").isEqualTo(10);
        assertThat(pace.nanosUntilReady(now)).isEqualTo(SECOND / 1000);
        assertThat(pace.ready(now + SECOND / 100)).as("10 bytes later").isTrue();
    }

    @Test
    void aHintLargerThanTheBurstStillGoesAndTheBucketOwesTheRest() {
        ReplayPace pace = new ReplayPace(64, 1000);
        long now = 0;
        assertThat(pace.ready(now)).isTrue();

        pace.spend(1100);

        assertThat(pace.ready(now)).isFalse();
        assertThat(pace.nanosUntilReady(now)).isEqualTo(SECOND + SECOND / 1000);
        assertThat(pace.ready(now + 2 * SECOND)).isTrue();
    }

    @Test
    void anIdleLaneSavesNoMoreThanTheBurst() {
        ReplayPace pace = new ReplayPace(64, 1000);
        pace.ready(0);
        pace.spend(100);

        assertThat(pace.ready(3600 * SECOND)).isTrue();
        pace.spend(100);
        assertThat(pace.ready(3600 * SECOND)).isFalse();
    }
}
