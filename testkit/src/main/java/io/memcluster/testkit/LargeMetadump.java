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

    /**
     * Sets the {@link #ITEMS} keys to {@code value}, without replies and in writes of about 1 MB,
     * and returns once the server has answered a later {@code mn}: on a coordinator, once every
     * write before it has been acknowledged by its replicas.
     */
    public static void store(RawClient root, String value) throws IOException {
        StringBuilder batch = new StringBuilder();
        for (int i = 0; i < ITEMS; i++) {
            batch.append("set ").append(key(i)).append(" 0 0 ").append(value.length()).append(" noreply\r\n")
                    .append(value).append("\r\n");
            if (batch.length() > 1 << 20) {
                root.send(batch.toString());
                batch.setLength(0);
            }
        }
        root.send(batch.toString());
        assertThat(root.call("mn\r\n", "MN")).isEqualTo("MN\r\n");
    }

    /** While a dump runs: one dump at a time, whoever asks; the crawl control too. */
    public static void othersAreBusy(RawClient other, RawClient reader) throws IOException {
        assertThat(other.call("lru_crawler metadump all\r\n", BUSY.strip())).isEqualTo(BUSY);
        assertThat(other.call("lru_crawler metadump hash\r\n", BUSY.strip())).isEqualTo(BUSY);
        assertThat(other.call("lru_crawler crawl all\r\n", BUSY.strip())).isEqualTo(BUSY);
        assertThat(reader.call("lru_crawler metadump 1\r\n", BUSY.strip())).isEqualTo(BUSY);
    }

    /** A user who may read {@code cart} only is listed every cart key once, and nothing else. */
    public static void cartReaderIsListedOnlyCartKeys(RawClient cartReader) throws IOException {
        cartReader.send("lru_crawler metadump all\r\n");
        assertThat(readDump(cartReader)).hasSize(ITEMS / 2).allMatch(key -> key.startsWith("cart."));
    }

    /** A user who may read no namespace may not dump at all. */
    public static void dumpIsRefused(RawClient nobody) throws IOException {
        assertThat(nobody.call("lru_crawler metadump all\r\n", "CLIENT_ERROR permission denied"))
                .isEqualTo("CLIENT_ERROR permission denied\r\n");
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
