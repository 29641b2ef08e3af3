package io.memcluster.coordinator.it;

import io.memcluster.testkit.RawClient;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A bounded write load on a plain port: a few writer threads, each with a connection of its own,
 * setting distinct keys to known values one request at a time, until {@code maxWrites} writes in
 * all or {@code maxTime} have passed, whichever is first. Every write is recorded with when it was
 * sent and answered and what came back, so that a test can tell which writes were acknowledged
 * ({@code STORED}) and when the others failed.
 */
final class WriteLoad {

    /**
     * One write: nanoTime when it was sent and when its answer (or its failure) came, and the reply
     * line, or what went wrong with the connection.
     */
    record Write(String key, String value, long sentNanos, long answeredNanos, String reply) {

        boolean acknowledged() {
            return reply.equals("STORED");
        }
    }

    private final int port;
    private final int maxWrites;
    private final long startedNanos;
    private final long deadlineNanos;
    private final AtomicInteger started = new AtomicInteger();
    private final AtomicInteger acknowledged = new AtomicInteger();
    private final Queue<Write> writes = new ConcurrentLinkedQueue<>();
    private final List<Thread> writers = new ArrayList<>();

    private WriteLoad(int port, int maxWrites, Duration maxTime) {
        this.port = port;
        this.maxWrites = maxWrites;
        this.startedNanos = System.nanoTime();
        this.deadlineNanos = startedNanos + maxTime.toNanos();
    }

    static WriteLoad start(int port, int writers, int maxWrites, Duration maxTime) {
        WriteLoad load = new WriteLoad(port, maxWrites, maxTime);
        for (int w = 0; w < writers; w++) {
            int writer = w;
            Thread thread = new Thread(() -> load.write(writer), "writer-" + w);
            thread.setDaemon(true);
            load.writers.add(thread);
            thread.start();
        }
        return load;
    }

    long startedNanos() {
        return startedNanos;
    }

    int acknowledgedSoFar() {
        return acknowledged.get();
    }

    /** Waits for the writers to stop, which they do by their own bounds. */
    List<Write> awaitEnd(Duration timeout) throws InterruptedException {
        long until = System.nanoTime() + timeout.toNanos();
        for (Thread writer : writers) {
            writer.join(Math.max(1, TimeUnit.NANOSECONDS.toMillis(until - System.nanoTime())));
            if (writer.isAlive()) {
                throw new AssertionError(writer.getName() + " still writes after " + timeout);
            }
        }
        return List.copyOf(writes);
    }

    private void write(int writer) {
        RawClient client = null;
        for (int i = 0; started.incrementAndGet() <= maxWrites && System.nanoTime() - deadlineNanos < 0; i++) {
            String key = "load." + writer + "." + i;
            String value = "value " + i + " of writer " + writer;
            long sent = System.nanoTime();
            String reply;
            try {
                if (client == null) {
                    client = new RawClient(port);
                }
                byte[] data = value.getBytes(StandardCharsets.US_ASCII);
                client.send("set " + key + " 0 0 " + data.length + "\r\n" + value + "\r\n");
                String line = client.readLine();
                reply = line.endsWith("\r\n") ? line.substring(0, line.length() - 2)
                        : "connection lost: '" + line + "'";
            } catch (IOException e) {
                reply = "connection lost: " + e;
            }
            if (reply.startsWith("connection lost")) {
                close(client);
                client = null;
            }
            Write write = new Write(key, value, sent, System.nanoTime(), reply);
            writes.add(write);
            if (write.acknowledged()) {
                acknowledged.incrementAndGet();
            }
        }
        close(client);
    }

    private static void close(RawClient client) {
        if (client != null) {
            try {
                client.close();
            } catch (IOException e) {
                // a connection that is gone already
            }
        }
    }
}
