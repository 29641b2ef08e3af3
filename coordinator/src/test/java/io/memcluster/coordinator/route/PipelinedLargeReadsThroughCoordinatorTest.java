package io.memcluster.coordinator.route;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.memcluster.coordinator.RunningCluster;
import io.memcluster.testkit.RawClient;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/**
 * A thousand {@code mg big v} for a 512 KiB value in one packet, from a client that does not
 * read: the coordinator reads them all before any reply comes back, and used to send them all on,
 * so that half a gigabyte came back to it. Now a connection has a bounded number of reads at the
 * nodes ({@link ReadBudget}), and the rest wait in the socket.
 */
class PipelinedLargeReadsThroughCoordinatorTest {

    private static final int READS = 1_000;

    @Test
    void aPipelineOfLargeReadsHoldsAFewValuesAtATime() throws Exception {
        try (RunningCluster cluster = RunningCluster.start(2, 2);
                RawClient greedy = new RawClient(cluster.port());
                RawClient other = new RawClient(cluster.port())) {
            String value = "v".repeat(512 * 1024);
            other.call("set big 0 0 " + value.length() + "\r\n" + value + "\r\n", "STORED");
            greedy.send("mg big v\r\n".repeat(READS));

            long limit = 24L << 20;
            await().during(Duration.ofSeconds(1)).atMost(Duration.ofSeconds(10)).untilAsserted(() ->
                    assertThat(cluster.coordinator().connections().pendingWriteBytes()).isLessThan(limit));
            assertThat(other.call("mg nothing v\r\n", "EN")).isEqualTo("EN\r\n");

            for (int i = 0; i < READS; i++) {
                assertThat(greedy.readLine()).as("reply %d", i).isEqualTo("VA 524288\r\n");
                String read = greedy.read(value.length() + 2);
                assertThat(read).as("value %d", i).startsWith("vvv").endsWith("v\r\n").hasSize(value.length() + 2);
            }
            assertThat(greedy.call("mn\r\n", "MN")).isEqualTo("MN\r\n");
        }
    }
}
