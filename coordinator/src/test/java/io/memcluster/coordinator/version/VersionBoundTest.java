package io.memcluster.coordinator.version;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.memcluster.time.ManualClock;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class VersionBoundTest {

    private static final Duration SKEW = Duration.ofMillis(500);

    @TempDir
    Path dir;

    private final ManualClock wall = new ManualClock();

    @Test
    void persistsTheWallClockPlusTheWindow() throws IOException {
        HybridClock clock = new HybridClock(wall, 0, SKEW);
        VersionBound bound = new VersionBound(dir.resolve("version.bound"), wall, clock);
        assertThat(bound.read()).isEmpty();
        assertThat(bound.persist()).isEqualTo(wall.millis() + VersionBound.WINDOW.toMillis());
        assertThat(bound.read()).hasValue(wall.millis() + VersionBound.WINDOW.toMillis());
        assertThat(Files.readString(dir.resolve("version.bound"))).isEqualTo(
                (wall.millis() + VersionBound.WINDOW.toMillis()) + "\n");
    }

    @Test
    void aRestartedCoordinatorStartsAboveEverythingItCouldHaveMintedEvenWithItsClockSetBack() throws IOException {
        Path file = dir.resolve("version.bound");
        HybridClock before = new HybridClock(wall, 2, SKEW);
        VersionBound persisted = new VersionBound(file, wall, before);
        persisted.persist();
        long highest = 0;
        // up to the next persist, a second later, with a burst that runs the counter ahead
        for (int i = 0; i < 20_000; i++) {
            highest = before.next();
            if (i % 20 == 0) {
                wall.advance(Duration.ofMillis(1));
            }
        }
        // killed before it persisted again; the machine's clock is set back a minute
        wall.advance(Duration.ofMinutes(-1));
        HybridClock after = new HybridClock(wall, 2, SKEW);
        new VersionBound(file, wall, after).recover();
        assertThat(Long.compareUnsigned(after.next(), highest)).isPositive();
    }

    @Test
    void aBoundAheadOfTheWallClockIsCarriedForwardNotLowered() throws IOException {
        Path file = dir.resolve("version.bound");
        HybridClock clock = new HybridClock(wall, 0, SKEW);
        VersionBound bound = new VersionBound(file, wall, clock);
        long first = bound.persist();
        HybridClock restarted = new HybridClock(wall, 0, SKEW);
        VersionBound again = new VersionBound(file, wall, restarted);
        again.recover();
        restarted.next();
        // its versions are now at the old bound: the new one must stay a window above them
        long second = again.persist();
        assertThat(second).isGreaterThan(HybridClock.millisOf(restarted.last()))
                .as("a crash loop must not push versions a whole window further each time")
                .isLessThan(first + VersionBound.WINDOW.toMillis());
        wall.advance(Duration.ofSeconds(-30));
        assertThat(again.persist()).as("a clock stepping back never lowers it")
                .isGreaterThanOrEqualTo(second);
    }

    @Test
    void replacesTheFileAtomicallyLeavingNoTemporaryFileBehind() throws IOException {
        Path file = dir.resolve("version.bound");
        VersionBound bound = new VersionBound(file, wall, new HybridClock(wall, 0, SKEW));
        for (int i = 0; i < 5; i++) {
            bound.persist();
            wall.advance(Duration.ofSeconds(1));
        }
        try (Stream<Path> files = Files.list(dir)) {
            assertThat(files).containsExactly(file);
        }
    }

    @Test
    void aDamagedFileIsAnErrorNamingIt() throws IOException {
        Path file = Files.writeString(dir.resolve("version.bound"), "12x\n");
        VersionBound bound = new VersionBound(file, wall, new HybridClock(wall, 0, SKEW));
        assertThatThrownBy(bound::recover).isInstanceOf(IOException.class)
                .hasMessageContaining(file.toString()).hasMessageContaining("not a number of milliseconds");
    }
}
