package io.memcluster.coordinator.version;

import io.memcluster.coordinator.lifecycle.LineConnection;
import io.netty.util.concurrent.DefaultThreadFactory;
import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalLong;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import javax.net.ssl.SSLContext;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The highest version each node holds, asked for before the coordinator serves: the first line of
 * {@code memcluster digest}, {@code DM <max_version>} (the highest CAS or version the node ever
 * stored or observed). Each node on a connection of its own, all at once, within one deadline: a
 * node that is down, refuses, or does not know the command (an older node answers an error) is
 * skipped and logged; the persisted {@link VersionBound} covers what it would have said.
 */
public final class NodeVersions {

    /** A node to ask: its name for logs, where it listens. */
    public record Node(String name, String host, int port) {
    }

    /** What one node said: its highest version, or empty with why not. */
    public record Answer(Node node, OptionalLong maxVersion, String problem) {
    }

    private static final Logger log = LoggerFactory.getLogger(NodeVersions.class);

    private final SSLContext tls;
    private final Duration timeout;

    /** @param tls the coordinator's client context for mutual TLS, or null for plaintext nodes */
    public NodeVersions(SSLContext tls, Duration timeout) {
        this.tls = tls;
        this.timeout = timeout;
    }

    /** Asks every node at once; returns when all answered or the deadline passed. */
    public List<Answer> ask(List<Node> nodes) throws InterruptedException {
        List<Answer> answers = new ArrayList<>();
        if (nodes.isEmpty()) {
            return answers;
        }
        ExecutorService askers = Executors.newFixedThreadPool(Math.min(nodes.size(), 8),
                new DefaultThreadFactory("version-recovery", true));
        try {
            List<Future<Answer>> pending = new ArrayList<>();
            for (Node node : nodes) {
                pending.add(askers.submit(() -> askOne(node)));
            }
            long deadline = System.nanoTime() + timeout.toNanos() * 2;
            for (int i = 0; i < nodes.size(); i++) {
                Node node = nodes.get(i);
                try {
                    long left = Math.max(0, deadline - System.nanoTime());
                    answers.add(pending.get(i).get(left, TimeUnit.NANOSECONDS));
                } catch (TimeoutException e) {
                    answers.add(new Answer(node, OptionalLong.empty(), "no answer within " + timeout.toMillis() + " ms"));
                } catch (ExecutionException e) {
                    answers.add(new Answer(node, OptionalLong.empty(), String.valueOf(e.getCause())));
                }
            }
        } finally {
            askers.shutdownNow();
        }
        for (Answer answer : answers) {
            if (answer.maxVersion().isEmpty()) {
                log.warn("node {} did not say its highest version ({}); versions rely on the other nodes and on the"
                        + " persisted bound", answer.node().name(), answer.problem());
            }
        }
        return answers;
    }

    private Answer askOne(Node node) {
        try (LineConnection connection = tls != null ? LineConnection.tls(node.host(), node.port(), tls, timeout)
                : LineConnection.plain(node.host(), node.port(), timeout)) {
            // only the first line is read: the segments after it are the catch-up's business
            connection.send("memcluster digest");
            String line = connection.readLine();
            OptionalLong max = parse(line);
            return max.isPresent() ? new Answer(node, max, "")
                    : new Answer(node, max, "it answered " + printable(line));
        } catch (IOException e) {
            return new Answer(node, OptionalLong.empty(), e.getClass().getSimpleName()
                    + (e.getMessage() == null ? "" : ": " + e.getMessage()));
        }
    }

    /** {@code DM <max_version>}, unsigned decimal; anything else is empty. */
    static OptionalLong parse(String line) {
        if (!line.startsWith("DM ")) {
            return OptionalLong.empty();
        }
        try {
            return OptionalLong.of(Long.parseUnsignedLong(line.substring(3).strip()));
        } catch (NumberFormatException e) {
            return OptionalLong.empty();
        }
    }

    private static String printable(String line) {
        String shown = line.codePoints().map(c -> c < 0x20 || c > 0x7e ? '?' : c)
                .collect(StringBuilder::new, StringBuilder::appendCodePoint, StringBuilder::append).toString();
        return "'" + (shown.length() > 60 ? shown.substring(0, 60) + "..." : shown) + "'";
    }
}
