package io.memcluster.frontend.request;

import java.util.concurrent.atomic.AtomicBoolean;

/**
 * A server's one crawler, shared by every connection: as memcached's, it runs one
 * {@code lru_crawler metadump} at a time, and what asks for another meanwhile (a metadump or a
 * crawl, from anyone) gets {@code BUSY currently processing crawler request}. Taken when a dump
 * begins, given back when it ends or its connection closes. A node has one, and so has a
 * coordinator, whose dump also holds one node's crawler at a time: a dump through another
 * coordinator, or straight at a node, can still make a node answer BUSY, which is passed on.
 */
public final class Crawler {

    private final AtomicBoolean running = new AtomicBoolean();

    /** Takes the crawler for a dump; false when one is running. */
    public boolean tryStart() {
        return running.compareAndSet(false, true);
    }

    public void finished() {
        running.set(false);
    }

    public boolean running() {
        return running.get();
    }
}
