package io.memcluster.coordinator.route;

import java.util.concurrent.atomic.AtomicBoolean;

/**
 * The coordinator's one crawler, shared by every client connection: as a node's (and memcached's),
 * it runs one {@code lru_crawler metadump} at a time, and what asks for another meanwhile (a
 * metadump or a crawl) gets {@code BUSY currently processing crawler request}. A dump holds one
 * node's crawler at a time too, so a dump through another coordinator, or straight at a node,
 * can still make a node answer BUSY: that is passed on.
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
