package io.memcluster.testkit;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.util.HashSet;
import java.util.Set;

/**
 * Issue 12's metadump case, for node and coordinator alike: {@code lru_crawler metadump all} over
 * {@link #ITEMS} keys of 200 bytes, half {@code cart}, half {@code orders}, must stream as the
 * client reads instead of being built whole, one dump at a time.
 */
public final class LargeMetadump {

    public static final int ITEMS = 60_000;
    /** memcached's reply to a dump or crawl asked for while another runs. */
    public static final String BUSY = "BUSY currently processing crawler request\r\n";

    private LargeMetadump() {
    }

    /** The {@code i}th key: 200 bytes, in {@code cart} when {@code i} is even, else in {@code orders}. */
    public static String key(int i) {
        String namespace = i % 2 == 0 ? "cart" : "orders";
        String key = namespace + "." + i + "-";
        return key + "k".repeat(200 - key.length());
    }

    /** Every key of a dump read to its END, each checked to be listed once. */
    public static Set<String> readDump(RawClient client) throws IOException {
        Set<String> keys = new HashSet<>();
        String line;
        while (!(line = client.readLine()).equals("END\r\n")) {
            assertThat(line).startsWith("key=").endsWith("\n");
            String key = line.substring(4, line.indexOf(' '));
            assertThat(keys.add(key)).as("listed once: %s", key).isTrue();
        }
        return keys;
    }

    /**
     * A socket to localhost:{@code port} whose receive buffer takes next to nothing, so that the
     * server soon has to stop writing to it.
     */
    public static Socket stalledSocket(int port) throws IOException {
        Socket socket = new Socket();
        socket.setReceiveBufferSize(4096);
        socket.connect(new InetSocketAddress("127.0.0.1", port), 5000);
        return socket;
    }
}
