package io.memcluster.server.stats;

import java.util.concurrent.atomic.LongAdder;

/**
 * The node's command counters, under memcached's {@code stats} names (the front end counts
 * connections, logins and traffic, see {@link io.memcluster.frontend.stats.FrontendStats}; the
 * store counts what it observes, see {@link io.memcluster.server.store.StoreCounters}).
 * LongAdders: every worker thread bumps them on every command, and only {@code stats} reads them.
 */
public final class CommandStats {
    public final LongAdder cmdGet = new LongAdder();
    public final LongAdder cmdSet = new LongAdder();
    public final LongAdder cmdFlush = new LongAdder();
    public final LongAdder cmdTouch = new LongAdder();
    public final LongAdder cmdMeta = new LongAdder();
    public final LongAdder getHits = new LongAdder();
    public final LongAdder getMisses = new LongAdder();
    public final LongAdder deleteHits = new LongAdder();
    public final LongAdder deleteMisses = new LongAdder();
    public final LongAdder incrHits = new LongAdder();
    public final LongAdder incrMisses = new LongAdder();
    public final LongAdder decrHits = new LongAdder();
    public final LongAdder decrMisses = new LongAdder();
    public final LongAdder casHits = new LongAdder();
    public final LongAdder casMisses = new LongAdder();
    public final LongAdder casBadval = new LongAdder();
    public final LongAdder touchHits = new LongAdder();
    public final LongAdder touchMisses = new LongAdder();
    public final LongAdder storeTooLarge = new LongAdder();
    public final LongAdder storeNoMemory = new LongAdder();

    /** stats reset. */
    public void reset() {
        for (LongAdder adder : new LongAdder[] {cmdGet, cmdSet, cmdFlush, cmdTouch, cmdMeta, getHits, getMisses,
                deleteHits, deleteMisses, incrHits, incrMisses, decrHits, decrMisses, casHits, casMisses, casBadval,
                touchHits, touchMisses, storeTooLarge, storeNoMemory}) {
            adder.reset();
        }
    }
}
