package io.memcluster.server.store;

import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;

/**
 * A namespace's live accounting (which key belongs where is
 * {@link io.memcluster.auth.Namespaces}'s rule) and its optional memory quota. Counters are
 * updated under segment locks of different segments at once, hence atomics.
 */
public final class Namespace {

    /** The LRU lane of every namespace without a quota (see {@link Segment}). */
    static final int SHARED_LANE = 0;

    private final String name;
    private final byte[] nameBytes;
    /** {@link #SHARED_LANE}, or this namespace's own lane when it has a quota. */
    final int lane;
    /** Bytes this namespace may hold; 0 for no quota. */
    private final long quota;
    private final AtomicLong items = new AtomicLong();
    /** Reserved before an item is linked, as the store's own total is; so never above the quota. */
    private final AtomicLong bytes = new AtomicLong();
    private final AtomicLong maxCas = new AtomicLong();
    private final LongAdder evictions = new LongAdder();
    private final VersionDigest digest = new VersionDigest();
    /** While a {@link VersionCut} is open: the lowest version stored since it opened. */
    private final AtomicLong lowestDuringCut = new AtomicLong(NONE_DURING_CUT);
    private volatile boolean cutOpen;

    /** {@link #lowestDuringCut()} when nothing was stored during the cut (no version is all ones). */
    static final long NONE_DURING_CUT = -1L;

    Namespace(String name) {
        this(name, SHARED_LANE, 0);
    }

    Namespace(String name, int lane, long quota) {
        this.name = name;
        this.nameBytes = name.getBytes(java.nio.charset.StandardCharsets.US_ASCII);
        this.lane = lane;
        this.quota = quota;
    }

    public String name() {
        return name;
    }

    public long items() {
        return items.get();
    }

    public long bytes() {
        return bytes.get();
    }

    /** The bytes this namespace may hold on this node; 0 when it has no quota. */
    public long quota() {
        return quota;
    }

    public boolean hasQuota() {
        return quota > 0;
    }

    /** Live items of this namespace removed to make room, for its quota or the store's limit. */
    public long evictions() {
        return evictions.sum();
    }

    /** The highest CAS (version) ever stored in this namespace, unsigned like every CAS. */
    public long maxCas() {
        return maxCas.get();
    }

    /** Counts {@code size} more bytes, for a namespace without a quota: nothing to check. */
    void reserve(long size) {
        bytes.addAndGet(size);
    }

    /** Counts {@code size} more bytes if they fit under the quota; false, counting nothing, if not. */
    boolean tryReserve(long size) {
        while (true) {
            long current = bytes.get();
            if (current + size > quota) {
                return false;
            }
            if (bytes.compareAndSet(current, current + size)) {
                return true;
            }
        }
    }

    /** Gives back bytes reserved for an item that was not linked after all. */
    void release(long size) {
        bytes.addAndGet(-size);
    }

    /** An item whose bytes were reserved is linked. */
    void added(Item item) {
        items.incrementAndGet();
        observeCas(item.cas);
        digest.addItem(item);
    }

    /** The (key, version) digest of the items and tombstones of this namespace. */
    public VersionDigest digest() {
        return digest;
    }

    /** {@code count} items whose bytes were reserved together are linked; the highest CAS among them. */
    void restored(long count, long highestCas) {
        items.addAndGet(count);
        if (highestCas != 0) {
            observeCas(highestCas);
        }
    }

    void observeCas(long cas) {
        if (cutOpen) {
            lowerDuringCut(cas);
        }
        long seen;
        while (Long.compareUnsigned(cas, seen = maxCas.get()) > 0 && !maxCas.compareAndSet(seen, cas)) {
            // retry: another segment raised it concurrently
        }
    }

    private void lowerDuringCut(long cas) {
        long seen;
        while (Long.compareUnsigned(cas, seen = lowestDuringCut.get()) < 0
                && !lowestDuringCut.compareAndSet(seen, cas)) {
            // retry: another segment lowered it concurrently
        }
    }

    /** Opens a cut: from now on every version stored lowers {@link #lowestDuringCut()}. */
    void startCut() {
        lowestDuringCut.set(NONE_DURING_CUT);
        cutOpen = true;
    }

    void endCut() {
        cutOpen = false;
    }

    long lowestDuringCut() {
        return lowestDuringCut.get();
    }

    void removed(Item item) {
        items.decrementAndGet();
        bytes.addAndGet(-item.accountedSize());
        digest.removeItem(item);
    }

    void evicted() {
        evictions.increment();
    }

    /** stats reset: the counters, not the figures of what is held. */
    void resetCounters() {
        evictions.reset();
    }

    boolean nameEquals(byte[] key, int length) {
        return length == nameBytes.length && java.util.Arrays.equals(nameBytes, 0, length, key, 0, length);
    }
}
