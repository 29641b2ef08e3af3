package io.memcluster.coordinator.route;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.memcluster.coordinator.RunningCluster;
import io.memcluster.testkit.RawClient;
import java.io.IOException;
import java.time.Duration;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * One get line naming a large value many times, through a coordinator: it reads a window of keys
 * from the nodes at a time and writes them as the client reads, so the coordinator holds a
 * bounded number of values, and its other clients are served meanwhile.
 */
class LargeMultiGetThroughCoordinatorTest {

    private static final int REPEATS = 2_000;

    @Test
    void aLineNamingOneLargeValueThousandsOfTimesIsAnsweredAsTheClientReads() throws Exception {
        try (RunningCluster cluster = RunningCluster.start(2, 2);
                RawClient greedy = new RawClient(cluster.port());
                RawClient other = new RawClient(cluster.port())) {
            String value = "v".repeat(512 * 1024);
            other.call("set big 0 0 " + value.length() + "\r\n" + value + "\r\n", "STORED");
            greedy.send("get" + " big".repeat(REPEATS) + "\r\n");

            // the coordinator's own bytes_written: replies handed to the client's socket, read or not
            long limit = 96L << 20;
            await().during(Duration.ofSeconds(1)).atMost(Duration.ofSeconds(10)).untilAsserted(() ->
                    assertThat(bytesWritten(other)).isLessThan(limit));
            // what the coordinator holds for the client: a few values and a couple of parts
            assertThat(cluster.coordinator().connections().pendingWriteBytes()).isLessThan(4L << 20);
            assertThat(other.call("get nothing\r\n", "END")).isEqualTo("END\r\n");

            for (int i = 0; i < REPEATS; i++) {
                assertThat(greedy.readLine()).as("value %d", i).isEqualTo("VALUE big 0 524288\r\n");
                String read = greedy.read(value.length() + 2);
                assertThat(read.length()).isEqualTo(value.length() + 2);
                assertThat(read).as("value %d", i).startsWith("vvv").endsWith("v\r\n");
            }
            assertThat(greedy.readLine()).isEqualTo("END\r\n");
        }
    }

    private static long bytesWritten(RawClient client) throws IOException {
        String stats = client.call("stats\r\n", "END");
        Matcher m = Pattern.compile("STAT bytes_written (\\d+)").matcher(stats);
        assertThat(m.find()).isTrue();
        return Long.parseLong(m.group(1));
    }
}
