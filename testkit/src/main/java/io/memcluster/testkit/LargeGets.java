package io.memcluster.testkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.time.Duration;
import java.util.function.LongSupplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Issue 12's first case, for node and coordinator alike: one get line naming a 512 KiB value
 * thousands of times (a 8 KB request asking for 1 GB) must not be built whole before its first
 * byte leaves: it goes out as the client reads, the server holds a few parts of it, and its other
 * clients are served meanwhile.
 */
public final class LargeGets {

    private static final int VALUE_BYTES = 512 * 1024;

    private LargeGets() {
    }

    /**
     * @param pendingWriteBytes what the server's replies to its clients hold, unsent
     * @param bound what that may be while the greedy client does not read
     */
    public static void answeredAsTheClientReads(RawClient greedy, RawClient other, int repeats,
            LongSupplier pendingWriteBytes, long bound) throws IOException {
        String value = "v".repeat(VALUE_BYTES);
        other.call("set big 0 0 " + value.length() + "\r\n" + value + "\r\n", "STORED");
        greedy.send("get" + " big".repeat(repeats) + "\r\n");

        // bytes_written counts replies as they are handed to the socket, read or not
        long handedOver = 96L << 20;
        await().during(Duration.ofSeconds(1)).atMost(Duration.ofSeconds(10)).untilAsserted(() ->
                assertThat(bytesWritten(other)).isLessThan(handedOver));
        assertThat(pendingWriteBytes.getAsLong()).as("bytes the server holds for its clients").isLessThan(bound);
        assertThat(other.call("get nothing\r\n", "END")).isEqualTo("END\r\n");

        // and the greedy client gets every value, intact, once it reads
        for (int i = 0; i < repeats; i++) {
            assertThat(greedy.readLine()).as("value %d", i).isEqualTo("VALUE big 0 " + VALUE_BYTES + "\r\n");
            String read = greedy.read(value.length() + 2);
            assertThat(read).as("value %d", i).hasSize(value.length() + 2).startsWith("vvv").endsWith("v\r\n");
        }
        assertThat(greedy.readLine()).isEqualTo("END\r\n");
    }

    /** The server's {@code bytes_written}. */
    public static long bytesWritten(RawClient client) throws IOException {
        Matcher m = Pattern.compile("STAT bytes_written (\\d+)").matcher(client.call("stats\r\n", "END"));
        assertThat(m.find()).isTrue();
        return Long.parseLong(m.group(1));
    }
}
