package io.memcluster.server.store;

/**
 * A few hundred items copied out of one segment under its lock by {@link Store#scanLive(Store.Scan,
 * ItemBatch)}: each item's immutable key and value (its array, shared, never copied) beside the
 * mutable metadata as it was at that moment, so that a writer can serialize them after the lock is
 * released. Reused from step to step: a walk over the whole store allocates nothing per item.
 */
public final class ItemBatch {

    private Item[] items;
    private long[] cas;
    private int[] expiresAt;
    private int[] lastAccess;
    private byte[] bits;
    private int size;
    private final int target;
    /**
     * Written only, never read: reading each array's length under the lock starts its cache miss
     * early (see {@link #add}), and a field store keeps the JIT from dropping that read.
     */
    private long dataBytes;

    /** @param target items per lock hold; a bucket's chain is never split, so a step may hold a few more */
    public ItemBatch(int target) {
        if (target < 1) {
            throw new IllegalArgumentException("target: " + target + " (expected: >= 1)");
        }
        this.target = target;
        int capacity = target + 16;
        items = new Item[capacity];
        cas = new long[capacity];
        expiresAt = new int[capacity];
        lastAccess = new int[capacity];
        bits = new byte[capacity];
    }

    int target() {
        return target;
    }

    void add(Item it) {
        if (size == items.length) {
            grow();
        }
        items[size] = it;
        cas[size] = it.cas;
        expiresAt[size] = it.expiresAt;
        lastAccess[size] = it.lastAccess;
        bits[size] = it.bits;
        // Not needed for itself: loading the array's length now, while the walk goes on to the
        // next items, overlaps the cache misses that the writer would otherwise take one by one.
        dataBytes += it.data.length;
        size++;
    }

    /** Drops the references of the last step, so that nothing removed meanwhile is kept alive. */
    public void clear() {
        java.util.Arrays.fill(items, 0, size, null);
        size = 0;
        dataBytes = 0;
    }

    public int size() {
        return size;
    }

    public Item item(int i) {
        return items[i];
    }

    public long cas(int i) {
        return cas[i];
    }

    /** Relative seconds (see {@link RelativeTime}); 0 = never. */
    public int expiresAt(int i) {
        return expiresAt[i];
    }

    /** Relative seconds of the last store or bump. */
    public int lastAccess(int i) {
        return lastAccess[i];
    }

    /** The item's state bits as {@link Store#restore} takes them back. */
    public byte bits(int i) {
        return bits[i];
    }

    private void grow() {
        int capacity = items.length * 2;
        items = java.util.Arrays.copyOf(items, capacity);
        cas = java.util.Arrays.copyOf(cas, capacity);
        expiresAt = java.util.Arrays.copyOf(expiresAt, capacity);
        lastAccess = java.util.Arrays.copyOf(lastAccess, capacity);
        bits = java.util.Arrays.copyOf(bits, capacity);
    }
}
