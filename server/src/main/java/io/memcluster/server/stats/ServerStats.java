package io.memcluster.server.stats;

import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.LongAdder;

/**
 * Counters kept by the protocol handlers (the store keeps its own, see
 * {@link io.memcluster.server.store.StoreCounters}). LongAdders: every worker thread bumps them on
 * every command, and they are read only by {@code stats}.
 */
public final class ServerStats {
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
    public final LongAdder authCmds = new LongAdder();
    public final LongAdder authErrors = new LongAdder();
    public final LongAdder authDenied = new LongAdder();
    public final LongAdder sslHandshakeErrors = new LongAdder();
    public final LongAdder sslNewSessions = new LongAdder();
    public final LongAdder sslResumedSessions = new LongAdder();
    public final LongAdder bytesRead = new LongAdder();
    public final LongAdder bytesWritten = new LongAdder();
    public final LongAdder totalConnections = new LongAdder();
    public final LongAdder rejectedConnections = new LongAdder();
    public final AtomicInteger currConnections = new AtomicInteger();

    /** stats reset: everything but the gauges. */
    public void reset() {
        for (LongAdder adder : new LongAdder[] {cmdGet, cmdSet, cmdFlush, cmdTouch, cmdMeta, getHits, getMisses,
                deleteHits, deleteMisses, incrHits, incrMisses, decrHits, decrMisses, casHits, casMisses, casBadval,
                touchHits, touchMisses, storeTooLarge, storeNoMemory, authCmds, authErrors, authDenied,
                sslHandshakeErrors, sslNewSessions, sslResumedSessions, bytesRead, bytesWritten, totalConnections,
                rejectedConnections}) {
            adder.reset();
        }
    }
}
