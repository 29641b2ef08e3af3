package io.memcluster.server.store;

import java.util.concurrent.atomic.LongAdder;

/** What the store itself observes, under memcached's stat names (see the field comments). */
public final class StoreCounters {
    /** total_items: items ever linked. */
    public final LongAdder totalItems = new LongAdder();
    /** evictions: live items removed to make room. */
    public final LongAdder evictions = new LongAdder();
    /** evicted_unfetched. */
    public final LongAdder evictedUnfetched = new LongAdder();
    /** reclaimed: expired or flushed items removed. */
    public final LongAdder reclaimed = new LongAdder();
    /** expired_unfetched. */
    public final LongAdder expiredUnfetched = new LongAdder();
    /** get_expired: reads that found only an expired item. */
    public final LongAdder getExpired = new LongAdder();
    /** get_flushed: reads that found only a flushed item. */
    public final LongAdder getFlushed = new LongAdder();
    /** crawler_reclaimed. */
    public final LongAdder crawlerReclaimed = new LongAdder();
    /** crawler_items_checked. */
    public final LongAdder crawlerItemsChecked = new LongAdder();

    /** stats reset. */
    public void reset() {
        totalItems.reset();
        evictions.reset();
        evictedUnfetched.reset();
        reclaimed.reset();
        expiredUnfetched.reset();
        getExpired.reset();
        getFlushed.reset();
        crawlerReclaimed.reset();
        crawlerItemsChecked.reset();
    }
}
