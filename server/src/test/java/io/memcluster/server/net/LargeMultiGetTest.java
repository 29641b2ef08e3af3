package io.memcluster.server.net;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.memcluster.config.NodeConfig;
import io.memcluster.server.RunningNode;
import io.memcluster.server.TestTls;
import io.memcluster.testkit.RawClient;
import io.memcluster.time.Clock;
import java.nio.file.Path;
import java.io.IOException;
import java.time.Duration;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * One get line naming a large value many times (a 8 KB request asking for 1 GB) must not build
 * its whole reply before the first byte leaves, nor hold the event loop while it copies: the
 * reply goes out as the client reads it, and everyone else is served meanwhile.
 */
class LargeMultiGetTest {

    private static final int REPEATS = 2_000;

    @TempDir
    Path dataDir;

    @Test
    void aLineNamingOneLargeValueThousandsOfTimesIsAnsweredAsTheClientReads() throws Exception {
        // two event loops: the other client may well share the greedy one's
        try (RunningNode node = RunningNode.start(64L << 20, 1 << 20, 1024, Duration.ZERO, false,
                io.memcluster.time.Clock.system());
                RawClient greedy = new RawClient(node.port());
                RawClient other = new RawClient(node.port())) {
            answersAsTheClientReads(node, greedy, other);
        }
    }

    /** TLS copies what it encrypts: the reply must still leave as it is read, not be encrypted whole. */
    @Test
    void overTlsToo() throws Exception {
        NodeConfig config = RunningNode.secureConfig(dataDir);
        try (RunningNode node = RunningNode.start(config.withAuth(config.auth().disabled()), Clock.system());
                RawClient greedy = RawClient.tls(node.port(), TestTls.trusting(TestTls.ca(dataDir)));
                RawClient other = RawClient.tls(node.port(), TestTls.trusting(TestTls.ca(dataDir)))) {
            answersAsTheClientReads(node, greedy, other);
        }
    }

    private static void answersAsTheClientReads(RunningNode node, RawClient greedy, RawClient other)
            throws Exception {
        String value = "v".repeat(512 * 1024);
        other.call("set big 0 0 " + value.length() + "\r\n" + value + "\r\n", "STORED");
        greedy.send("get" + " big".repeat(REPEATS) + "\r\n");

        // bytes_written counts replies as they are handed to the socket, read or not
        long limit = 64L << 20;
        await().during(Duration.ofSeconds(1)).atMost(Duration.ofSeconds(5)).untilAsserted(() ->
                assertThat(bytesWritten(other)).isLessThan(limit));
        // what the node holds for the client: a couple of parts (and one value shared with the store)
        assertThat(node.server().connections().pendingWriteBytes()).isLessThan(4L << 20);
        assertThat(other.call("get nothing\r\n", "END")).isEqualTo("END\r\n");

        // and the greedy client gets every value, intact, once it reads
        for (int i = 0; i < REPEATS; i++) {
            assertThat(greedy.readLine()).as("value %d", i).isEqualTo("VALUE big 0 524288\r\n");
            String read = greedy.read(value.length() + 2);
            assertThat(read.length()).isEqualTo(value.length() + 2);
            assertThat(read).as("value %d", i).endsWith("v\r\n").startsWith("vvv");
        }
        assertThat(greedy.readLine()).isEqualTo("END\r\n");
    }

    private static long bytesWritten(RawClient client) throws IOException {
        String stats = client.call("stats\r\n", "END");
        Matcher m = Pattern.compile("STAT bytes_written (\\d+)").matcher(stats);
        assertThat(m.find()).isTrue();
        return Long.parseLong(m.group(1));
    }
}
