package io.memcluster.server.snapshot;

import io.memcluster.config.NamespaceQuotas;
import io.memcluster.config.NodeConfig;
import io.memcluster.config.SnapshotConfig;
import io.memcluster.server.RunningNode;
import io.memcluster.testkit.RawClient;
import io.memcluster.time.ManualClock;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Nodes started in this JVM one after another on one snapshot folder and one manual clock, so
 * that a test writes snapshots with one node and loads them with the next, the clock moved
 * between them as if the node had been down. Plaintext without logins; no schedule (interval 0s).
 */
final class SnapshotFixture implements AutoCloseable {

    static final long MEMORY = 64L << 20;
    static final int MAX_ITEM_SIZE = 2 << 20;

    final ManualClock clock = new ManualClock();
    final Path dir;
    private RunningNode node;
    private RawClient client;

    SnapshotFixture(Path dir) {
        this.dir = dir;
    }

    /** A node config on this folder with the given memory limit and quotas (bytes by namespace). */
    NodeConfig config(long memory, Map<String, Long> quotas) {
        return config(memory, quotas, new SnapshotConfig(Duration.ZERO, dir));
    }

    static NodeConfig config(long memory, Map<String, Long> quotas, SnapshotConfig snapshot) {
        NodeConfig config = new NodeConfig("127.0.0.1", RunningNode.freePort(), memory, (int) Math.min(memory, MAX_ITEM_SIZE), 64, 2,
                Duration.ZERO, false, Path.of("target", "node-data"));
        return config.withTls(config.tls().disabled()).withAuth(config.auth().disabled())
                .withQuotas(new NamespaceQuotas(quotas)).withSnapshot(snapshot);
    }

    SnapshotFixture start() {
        return start(config(MEMORY, Map.of()));
    }

    SnapshotFixture start(NodeConfig config) {
        if (node != null) {
            throw new IllegalStateException("a node is running: stop it first");
        }
        node = RunningNode.start(config, clock);
        try {
            client = new RawClient(node.port());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return this;
    }

    /** Stops the node gracefully: it writes its snapshot at stop. */
    void stop() {
        try {
            client.close();
        } catch (IOException e) {
            // closing
        }
        node.close();
        node = null;
    }

    RunningNode node() {
        return node;
    }

    RawClient client() {
        return client;
    }

    /** Sends {@code request} and returns the reply up to and including the line {@code last}. */
    String call(String request, String last) {
        try {
            return client.call(request, last);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** One reply line (a storage or delete command's). */
    String line(String request) {
        try {
            client.send(request);
            return client.readLine();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A meta command's reply: its line, and the value's line after a {@code VA}; without CRLFs. */
    String meta(String request) {
        try {
            client.send(request);
            String line = client.readLine();
            line = line.endsWith("\r\n") ? line.substring(0, line.length() - 2) : line;
            if (line.startsWith("VA ")) {
                int length = Integer.parseInt(line.split(" ")[1]);
                String value = client.read(length + 2);
                return line + "\n" + value.substring(0, Math.min(length, value.length()));
            }
            return line;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    String set(String key, String value) {
        return line("set " + key + " 0 0 " + value.length() + "\r\n" + value + "\r\n");
    }

    /** {@code memcluster snapshot}: returns its stats lines by name. */
    Map<String, String> snapshot() {
        return stats(call("memcluster snapshot\r\n", "END"));
    }

    Map<String, String> snapshotStats() {
        return stats(call("stats snapshots\r\n", "END"));
    }

    static Map<String, String> stats(String reply) {
        Map<String, String> stats = new LinkedHashMap<>();
        for (String line : reply.split("\r\n")) {
            if (line.startsWith("STAT ")) {
                String[] parts = line.split(" ", 3);
                stats.put(parts[1], parts.length > 2 ? parts[2] : "");
            } else if (!line.equals("END")) {
                throw new AssertionError("not a stats line: " + line + " in " + reply);
            }
        }
        return stats;
    }

    Path file(String namespace) {
        return dir.resolve(namespace + ".snap");
    }

    /** The files moved aside under {@code rejected/}, by name. */
    java.util.List<String> rejected() {
        Path folder = dir.resolve("rejected");
        if (!Files.isDirectory(folder)) {
            return java.util.List.of();
        }
        try (var files = Files.list(folder)) {
            return files.map(p -> p.getFileName().toString()).sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public void close() {
        if (node != null) {
            stop();
        }
    }
}
