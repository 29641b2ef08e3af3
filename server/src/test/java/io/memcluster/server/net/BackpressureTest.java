package io.memcluster.server.net;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.memcluster.testkit.RawClient;
import io.memcluster.server.RunningNode;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/**
 * A client that pipelines requests but never reads the replies must not make the node buffer
 * them without bound: decoding pauses while the connection is not writable.
 */
class BackpressureTest {

    @Test
    void unreadRepliesDoNotPileUpInTheNode() throws Exception {
        try (RunningNode node = RunningNode.start();
                RawClient greedy = new RawClient(node.port());
                RawClient other = new RawClient(node.port())) {
            String value = "v".repeat(500_000);
            other.call("set big 0 0 " + value.length() + "\r\n" + value + "\r\n", "STORED");
            // 4,000 gets ask for 2 GB of replies; the node holds 64 MB of items
            greedy.send("get big\r\n".repeat(4_000));
            // bytes_written counts replies as they are queued for the socket, read or not
            long limit = 64L << 20;
            await().during(Duration.ofSeconds(1)).atMost(Duration.ofSeconds(5)).untilAsserted(() ->
                    assertThat(bytesWritten(other)).isLessThan(limit));
            // the node still serves everyone else
            assertThat(other.call("get big\r\n", "END")).hasSize(value.length() + "VALUE big 0 500000\r\n\r\nEND\r\n".length());
            // and the greedy client gets correct replies once it reads
            assertThat(greedy.readLine()).isEqualTo("VALUE big 0 500000\r\n");
            assertThat(greedy.read(value.length() + 2)).isEqualTo(value + "\r\n");
            assertThat(greedy.readLine()).isEqualTo("END\r\n");
        }
    }

    private static long bytesWritten(RawClient client) throws java.io.IOException {
        String stats = client.call("stats\r\n", "END");
        java.util.regex.Matcher m = java.util.regex.Pattern.compile("STAT bytes_written (\\d+)").matcher(stats);
        assertThat(m.find()).isTrue();
        return Long.parseLong(m.group(1));
    }
}
