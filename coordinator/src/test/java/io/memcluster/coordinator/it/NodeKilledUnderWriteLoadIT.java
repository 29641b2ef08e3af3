package io.memcluster.coordinator.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * kill -9 of a node in the middle of a write load through the coordinator (R=2, write policy
 * all_live): no acknowledged write is lost, and clients see errors only while the coordinator has
 * not yet noticed that the node is gone.
 */
@Timeout(value = 5, unit = TimeUnit.MINUTES)
class NodeKilledUnderWriteLoadIT {

    private static final int WRITERS = 4;
    private static final int MAX_WRITES = 20_000;
    private static final Duration MAX_TIME = Duration.ofSeconds(20);
    /** The node killed: node-2, index 1. */
    private static final int VICTIM = 1;

    /** A cluster of its own: this test kills one of its nodes. */
    @RegisterExtension
    final UpCluster up = UpCluster.withoutLogins();

    @Test
    void everyAcknowledgedWriteIsReadAfterANodeIsKilledAndErrorsStopOnceItIsReportedDown() throws Exception {
        int port = up.plainPort();
        ProcessHandle victim = ProcessHandle.of(up.cluster().nodePid(VICTIM)).orElseThrow();

        WriteLoad load = WriteLoad.start(port, WRITERS, MAX_WRITES, MAX_TIME);
        // A quarter of either bound, so that most of the load comes after the kill on a slow machine too.
        long quarterTime = load.startedNanos() + MAX_TIME.toNanos() / 4;
        await("a quarter of the writes acknowledged, or a quarter of the time gone").atMost(MAX_TIME)
                .until(() -> load.acknowledgedSoFar() >= MAX_WRITES / 4 || System.nanoTime() - quarterTime > 0);
        assertThat(load.acknowledgedSoFar()).as("writes acknowledged before the kill").isPositive();
        long killedAt = System.nanoTime();
        assertThat(victim.destroyForcibly()).as("SIGKILL sent to node-2").isTrue();
        await("node-2 reported down by stats nodes").atMost(Duration.ofSeconds(10))
                .pollInterval(Duration.ofMillis(20))
                .until(() -> "down".equals(CoordinatorStats.nodeStates(port).get("node-2")));
        long downAt = System.nanoTime();
        // After the verdict: the JDK sees another process's end only by polling, seconds late.
        victim.onExit().get(10, TimeUnit.SECONDS);
        List<WriteLoad.Write> writes = load.awaitEnd(MAX_TIME.plusSeconds(30));

        List<WriteLoad.Write> failed = writes.stream().filter(w -> !w.acknowledged()).toList();
        String summary = writes.size() + " writes, " + failed.size() + " failed; node-2 reported down "
                + TimeUnit.NANOSECONDS.toMillis(downAt - killedAt) + " ms after its kill; first failures: "
                + failed.stream().limit(5).map(WriteLoad.Write::reply).toList();
        // In the test's output file, so a run that passes tells how close it came to its bounds.
        System.out.println(summary + "; load took " + TimeUnit.NANOSECONDS.toMillis(
                writes.stream().mapToLong(WriteLoad.Write::answeredNanos).max().orElse(killedAt) - load.startedNanos())
                + " ms");
        assertThat(writes.stream().filter(w -> w.answeredNanos() < killedAt)).as("answered before the kill; " + summary)
                .isNotEmpty().allMatch(WriteLoad.Write::acknowledged);
        assertThat(writes.stream().filter(w -> w.sentNanos() > downAt)).as("sent once node-2 was down; " + summary)
                .hasSizeGreaterThan(500).allMatch(WriteLoad.Write::acknowledged);
        assertThat(failed).as("failed writes: each said why, and came between the kill and the verdict; " + summary)
                .allSatisfy(w -> {
                    assertThat(w.reply()).startsWith("SERVER_ERROR ");
                    assertThat(w.answeredNanos()).isGreaterThanOrEqualTo(killedAt);
                    assertThat(w.sentNanos()).isLessThanOrEqualTo(downAt);
                });

        List<WriteLoad.Write> acknowledged = writes.stream().filter(WriteLoad.Write::acknowledged).toList();
        Map<String, String> stored = StoredValues.of(port, acknowledged.stream().map(WriteLoad.Write::key).toList());
        List<String> lost = acknowledged.stream().filter(w -> !w.value().equals(stored.get(w.key())))
                .map(WriteLoad.Write::key).toList();
        assertThat(lost).as("acknowledged writes not read back (of %d; %s)", acknowledged.size(), summary).isEmpty();
        assertThat(CoordinatorStats.nodeStates(port))
                .containsExactly(Map.entry("node-1", "up"), Map.entry("node-2", "down"), Map.entry("node-3", "up"));
    }
}
