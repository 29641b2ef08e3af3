package io.memcluster.coordinator.link;

import io.memcluster.protocol.Command;
import io.memcluster.protocol.Reply;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Keeps a link busy from its own loop: {@code depth} requests in flight, each reply sending the
 * next, until the first failure (or a bound on sends), so that whatever happens to the node
 * happens with requests in flight. Counts every outcome.
 */
final class Pump {

    private static final int MAX_SENDS = 5_000_000;

    final AtomicInteger sent = new AtomicInteger();
    final AtomicInteger completed = new AtomicInteger();
    final Map<LinkFailure.Kind, AtomicInteger> failed = new ConcurrentHashMap<>();
    private final NodeLink link;
    private final Command command;
    private final int depth;
    private volatile boolean stopped;

    Pump(NodeLink link, Command command, int depth) {
        this.link = link;
        this.command = command;
        this.depth = depth;
    }

    void start() {
        link.eventLoop().execute(() -> {
            for (int i = 0; i < depth; i++) {
                sendOne();
            }
        });
    }

    private void sendOne() {
        if (stopped || sent.get() >= MAX_SENDS) {
            stopped = true;
            return;
        }
        sent.incrementAndGet();
        link.send(command, new ReplyCallback() {
            @Override
            public void completed(Reply reply) {
                completed.incrementAndGet();
                sendOne();
            }

            @Override
            public void failed(LinkFailure failure) {
                stopped = true;
                failed.computeIfAbsent(failure.kind(), kind -> new AtomicInteger()).incrementAndGet();
            }
        });
    }

    boolean stopped() {
        return stopped;
    }

    int outcomes() {
        return completed.get() + failed.values().stream().mapToInt(AtomicInteger::get).sum();
    }

    int failures(LinkFailure.Kind kind) {
        AtomicInteger count = failed.get(kind);
        return count == null ? 0 : count.get();
    }
}
