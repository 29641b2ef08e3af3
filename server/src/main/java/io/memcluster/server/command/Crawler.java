package io.memcluster.server.command;

import java.util.concurrent.atomic.AtomicBoolean;

/**
 * The node's one crawler, shared by every connection: as memcached's, it runs one
 * {@code lru_crawler metadump} at a time, and what asks for another meanwhile (a metadump or a
 * crawl, from anyone) gets {@code BUSY currently processing crawler request}. Taken when a dump
 * begins, given back when it ends or its connection closes.
 */
public final class Crawler {

    private final AtomicBoolean running = new AtomicBoolean();

    /** Takes the crawler for a dump; false when one is running. */
    boolean tryStart() {
        return running.compareAndSet(false, true);
    }

    void finished() {
        running.set(false);
    }

    public boolean running() {
        return running.get();
    }
}
