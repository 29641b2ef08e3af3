package io.memcluster.config;

import static io.memcluster.config.ConfigFiles.load;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The {@code snapshot} section of config.yaml: its values, its defaults, and the line for each mistake. */
class SnapshotConfigFileTest {

    @TempDir
    Path dir;

    @Test
    void withoutTheSectionANodeSnapshotsEveryFiveMinutesIntoItsDataFolder() {
        SnapshotConfig snapshot = load(dir, "data_dir: /var/lib/memcluster\n").snapshot();

        assertThat(snapshot.interval()).isEqualTo(Duration.ofMinutes(5));
        assertThat(snapshot.scheduled()).isTrue();
        assertThat(snapshot.dir()).isEqualTo(Path.of("/var/lib/memcluster/snapshots"));
    }

    @Test
    void anIntervalAndAFolderAreTaken() {
        SnapshotConfig snapshot = load(dir, "snapshot:\n  interval: 90s\n  dir: /srv/snaps\n").snapshot();

        assertThat(snapshot.interval()).isEqualTo(Duration.ofSeconds(90));
        assertThat(snapshot.dir()).isEqualTo(Path.of("/srv/snaps"));
    }

    @Test
    void zeroTurnsTheScheduleOff() {
        SnapshotConfig snapshot = load(dir, "snapshot:\n  interval: 0s\n").snapshot();

        assertThat(snapshot.scheduled()).isFalse();
        assertThat(snapshot.interval()).isZero();
    }

    @Test
    void oneSecondIsTheShortestInterval() {
        assertThat(load(dir, "snapshot:\n  interval: 1s\n").snapshot().interval()).isEqualTo(Duration.ofSeconds(1));
    }

    @ParameterizedTest(name = "{0}: {1}")
    @CsvSource(delimiter = '|', value = {
        "interval: 500ms    | snapshot.interval: 500ms is out of range (expected 0s, which turns the schedule off, or at least 1s, e.g. 5m)",
        "interval: -5m      | snapshot.interval: \"-5m\" is not a duration (expected a number with an optional unit ms, s, m, h or d, e.g. 30s)",
        "interval: often    | snapshot.interval: \"often\" is not a duration (expected a number with an optional unit ms, s, m, h or d, e.g. 30s)",
        "interval: 5 min    | snapshot.interval: \"5 min\" is not a duration (expected a number with an optional unit ms, s, m, h or d, e.g. 30s)",
        "dir: ''            | snapshot.dir: is empty (expected a path, e.g. data/snapshots)",
        "intervall: 5m      | snapshot.intervall: unknown key, did you mean interval? (valid keys under snapshot: interval, dir, threads)",
        "every: 5m          | snapshot.every: unknown key (valid keys under snapshot: interval, dir, threads)",
    })
    void aBadValueIsReportedWithItsPath(String line, String message) {
        assertThatThrownBy(() -> load(dir, "snapshot:\n  " + line + "\n"))
                .isInstanceOf(ConfigException.class)
                .hasMessage(message);
    }

    @Test
    void aNegativeIntervalIsRefusedByTheRecordToo() {
        assertThatThrownBy(() -> new SnapshotConfig(Duration.ofSeconds(-1), Path.of("snaps")))
                .isInstanceOf(ConfigException.class)
                .hasMessageStartingWith("snapshot.interval: -1s is out of range");
    }

    @Test
    void aSnapshotValueThatIsNotASectionIsReported() {
        assertThatThrownBy(() -> load(dir, "snapshot: 5m\n"))
                .isInstanceOf(ConfigException.class)
                .hasMessageStartingWith("snapshot: is a ");
    }
}
