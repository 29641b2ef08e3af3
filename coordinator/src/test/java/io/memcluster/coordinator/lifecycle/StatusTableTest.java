package io.memcluster.coordinator.lifecycle;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

class StatusTableTest {

    @Test
    void oneAlignedLinePerProcessAfterAHeader() {
        String table = StatusTable.format(List.of(
                new StatusTable.Row("coordinator", "coordinator", "-", "127.0.0.1:11211", ProcessState.NOT_RUNNING,
                        "-"),
                new StatusTable.Row("node", "node-1", "4242", "127.0.0.1:12001", ProcessState.RUNNING, "2h13m"),
                new StatusTable.Row("node", "node-2", "4243", "127.0.0.1:12002", ProcessState.NOT_RESPONDING, "5s"),
                new StatusTable.Row("node", "node-3", "-", "127.0.0.1:12003", ProcessState.STALE_PID_FILE, "-"),
                new StatusTable.Row("remote-node", "cache-a", "-", "10.0.0.5:12001", ProcessState.RUNNING, "-")));

        assertThat(table).isEqualTo(""
                + "ROLE         NAME         PID   ADDRESS          STATE           UPTIME\n"
                + "coordinator  coordinator  -     127.0.0.1:11211  not running     -\n"
                + "node         node-1       4242  127.0.0.1:12001  running         2h13m\n"
                + "node         node-2       4243  127.0.0.1:12002  not responding  5s\n"
                + "node         node-3       -     127.0.0.1:12003  stale pid file  -\n"
                + "remote-node  cache-a      -     10.0.0.5:12001   running         -\n");
    }

    @Test
    void uptimeShowsItsTwoLargestUnitsInOneWord() {
        assertThat(Uptime.format(Duration.ZERO)).isEqualTo("0s");
        assertThat(Uptime.format(Duration.ofSeconds(59))).isEqualTo("59s");
        assertThat(Uptime.format(Duration.ofSeconds(61))).isEqualTo("1m1s");
        assertThat(Uptime.format(Duration.ofMinutes(133).plusSeconds(7))).isEqualTo("2h13m");
        assertThat(Uptime.format(Duration.ofDays(3).plusHours(4).plusMinutes(5))).isEqualTo("3d4h");
        assertThat(Uptime.format(Duration.ofSeconds(-3))).as("a start a moment in the future").isEqualTo("0s");
    }
}
