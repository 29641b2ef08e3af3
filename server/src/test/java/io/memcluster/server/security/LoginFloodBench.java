package io.memcluster.server.security;

import io.memcluster.config.NodeConfig;
import io.memcluster.config.PlainConfig;
import io.memcluster.server.RunningNode;
import io.memcluster.server.TestUsers;
import io.memcluster.time.Clock;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;
import org.junit.jupiter.api.Test;

/**
 * How many legitimate password logins per second get through while other loopback addresses
 * flood the node with wrong passwords. Not part of the suite (the name matches no surefire
 * pattern); run it by name, and read the figures in its output:
 *
 * <pre>
 * mvn -q -B -o -pl server -am test -Dtest=LoginFloodBench -Dsurefire.failIfNoSpecifiedTests=false
 * cat server/target/surefire-reports/io.memcluster.server.security.LoginFloodBench-output.txt
 * </pre>
 *
 * <p>A node with a plaintext loopback listener and two users: {@code app}, who logs in over and
 * over from 127.0.0.1 with its right password (a new connection each time, as a client pool
 * does on a restart), and {@code admin}. The flood is {@code flood.connections} connections
 * spread over {@code flood.addresses} addresses 127.0.0.2 and up, each sending a wrong login,
 * reading its reply and sending the next (reconnecting when the node closes it). Two kinds of
 * flood: one guessing {@code admin}'s password, one a new unknown username each time. Each
 * phase runs {@code flood.seconds}; the load is bounded by the flood's own round trips.
 */
class LoginFloodBench {

    private static final int CONNECTIONS = Integer.getInteger("flood.connections", 300);
    private static final int ADDRESSES = Integer.getInteger("flood.addresses", 300);
    private static final int SECONDS = Integer.getInteger("flood.seconds", 15);

    @Test
    void legitimateLoginsPerSecondUnderAFlood() throws Exception {
        Path dataDir = Files.createTempDirectory("login-flood");
        TestUsers.add(dataDir, "admin", "admin-password-0123", "ADMIN");
        TestUsers.add(dataDir, "app", "app-password-0123", "cart:write");
        NodeConfig config = RunningNode.secureConfig(dataDir);
        config = config.withPlain(new PlainConfig(RunningNode.freePort(), false));
        try (RunningNode node = RunningNode.start(config, Clock.system())) {
            int port = node.plainPort();
            System.out.printf("login flood bench: %d flood connections from %d addresses, %d s per phase,"
                    + " %d cores%n", CONNECTIONS, ADDRESSES, SECONDS, Runtime.getRuntime().availableProcessors());
            report("no flood", port, null);
            report("flood guessing admin", port, n -> "admin wrong-" + n);
            report("flood of unknown users", port, n -> "nobody" + n + " wrong-" + n);
        }
    }

    private void report(String phase, int port, java.util.function.LongFunction<String> flood) throws Exception {
        AtomicBoolean running = new AtomicBoolean(true);
        LongAdder floodReplies = new LongAdder();
        Map<String, LongAdder> floodKinds = new ConcurrentHashMap<>();
        List<Thread> flooders = new ArrayList<>();
        AtomicLong sequence = new AtomicLong();
        if (flood != null) {
            for (int i = 0; i < CONNECTIONS; i++) {
                int address = i % ADDRESSES;
                String source = "127.0." + address / 250 + "." + (2 + address % 250);
                Thread thread = new Thread(() -> floodLoop(port, source, running, () -> flood.apply(
                        sequence.incrementAndGet()), floodReplies, floodKinds), "flood-" + i);
                thread.setDaemon(true);
                flooders.add(thread);
                thread.start();
            }
        }
        Map<String, LongAdder> outcomes = new TreeMap<>();
        List<Long> okMillis = new ArrayList<>();
        long start = System.nanoTime();
        long end = start + SECONDS * 1_000_000_000L;
        while (System.nanoTime() < end) {
            long t0 = System.nanoTime();
            String reply;
            try (Socket socket = new Socket()) {
                socket.bind(new InetSocketAddress("127.0.0.1", 0));
                socket.connect(new InetSocketAddress("127.0.0.1", port), 5000);
                socket.setSoTimeout(15_000);
                reply = login(socket, "app app-password-0123");
            } catch (IOException e) {
                reply = "(" + e.getClass().getSimpleName() + ")";
            }
            long millis = (System.nanoTime() - t0) / 1_000_000;
            outcomes.computeIfAbsent(reply, k -> new LongAdder()).increment();
            if (reply.equals("STORED")) {
                okMillis.add(millis);
            }
        }
        double seconds = (System.nanoTime() - start) / 1e9;
        running.set(false);
        flooders.forEach(Thread::interrupt);
        long ok = okMillis.size();
        long[] sorted = okMillis.stream().mapToLong(Long::longValue).sorted().toArray();
        System.out.printf("%n%s: %d legitimate logins in %.1f s = %.1f logins/s; login time p50 %s ms, p99 %s ms,"
                + " max %s ms%n", phase, ok, seconds, ok / seconds, percentile(sorted, 0.50),
                percentile(sorted, 0.99), sorted.length == 0 ? "-" : sorted[sorted.length - 1]);
        System.out.printf("  legitimate replies: %s%n", outcomes);
        if (flood != null) {
            System.out.printf("  flood: %d replies (%.0f/s): %s%n", floodReplies.sum(), floodReplies.sum() / seconds,
                    new TreeMap<>(floodKinds));
        }
        for (Thread thread : flooders) {
            thread.join(20_000);
        }
    }

    private static void floodLoop(int port, String source, AtomicBoolean running,
            java.util.function.Supplier<String> data, LongAdder replies, Map<String, LongAdder> kinds) {
        while (running.get()) {
            try (Socket socket = new Socket()) {
                socket.bind(new InetSocketAddress(source, 0));
                socket.connect(new InetSocketAddress("127.0.0.1", port), 5000);
                socket.setSoTimeout(70_000);
                while (running.get()) {
                    String reply = login(socket, data.get());
                    if (reply.isEmpty()) {
                        kinds.computeIfAbsent("(closed)", k -> new LongAdder()).increment();
                        break;
                    }
                    replies.increment();
                    kinds.computeIfAbsent(reply.replaceAll("\\d+s$", "Ns"), k -> new LongAdder()).increment();
                }
            } catch (IOException e) {
                if (running.get()) {
                    kinds.computeIfAbsent("(" + e.getClass().getSimpleName() + ")", k -> new LongAdder()).increment();
                }
            }
        }
    }

    /** One login set and its reply line without CRLF; empty when the node closed the connection. */
    private static String login(Socket socket, String data) throws IOException {
        byte[] bytes = data.getBytes(StandardCharsets.UTF_8);
        OutputStream out = socket.getOutputStream();
        out.write(("set login 0 0 " + bytes.length + "\r\n").getBytes(StandardCharsets.US_ASCII));
        out.write(bytes);
        out.write("\r\n".getBytes(StandardCharsets.US_ASCII));
        out.flush();
        InputStream in = socket.getInputStream();
        ByteArrayOutputStream line = new ByteArrayOutputStream();
        int b;
        while ((b = in.read()) >= 0 && b != '\n') {
            if (b != '\r') {
                line.write(b);
            }
        }
        return line.toString(StandardCharsets.US_ASCII);
    }

    private static String percentile(long[] sorted, double p) {
        if (sorted.length == 0) {
            return "-";
        }
        return String.valueOf(sorted[Math.min(sorted.length - 1, (int) Math.ceil(p * sorted.length) - 1)]);
    }
}
