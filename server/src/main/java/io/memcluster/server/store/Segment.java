package io.memcluster.server.store;

/**
 * One lock's worth of the table: a chained hash table whose chains and LRU lists run through the
 * items themselves (no per-entry node objects). Every method expects the caller to hold this
 * segment's lock.
 *
 * <p>The LRU is split into lanes ({@link Namespace#lane}): lane 0 holds every namespace without a
 * quota, as the one list did before quotas, and each namespace with a quota has a lane of its
 * own, so that it can evict its own least recently used item without walking past the others'.
 */
final class Segment extends java.util.concurrent.locks.ReentrantLock {

    private static final int INITIAL_CAPACITY = 64;

    private Item[] table = new Item[INITIAL_CAPACITY];
    private int size;
    private int generation;
    /** Per lane: most recently used. */
    private final Item[] heads;
    /** Per lane: least recently used, the eviction candidate. */
    private final Item[] tails;
    /** This segment's tombstones (see {@link Store#deleteVersioned}), null until its first. */
    TombstoneTable tombstones;

    /** @param lanes 1 plus the number of namespaces with a quota */
    Segment(int lanes) {
        heads = new Item[lanes];
        tails = new Item[lanes];
    }

    int size() {
        return size;
    }

    /** The least recently used item of one lane; null when the lane is empty here. */
    Item tail(int lane) {
        return tails[lane];
    }

    /**
     * The least recently used item of any lane but {@code keep}, by last access (seconds: items
     * of different lanes touched in the same second are in no particular order); null when empty.
     */
    Item oldest(Item keep) {
        Item oldest = null;
        for (Item candidate : tails) {
            if (candidate != null && candidate == keep) {
                candidate = candidate.lruPrev;
            }
            if (candidate != null && (oldest == null || candidate.lastAccess < oldest.lastAccess)) {
                oldest = candidate;
            }
        }
        return oldest;
    }

    Item find(byte[] key, int hash) {
        for (Item it = table[hash & (table.length - 1)]; it != null; it = it.hashNext) {
            if (it.keyEquals(key, hash)) {
                return it;
            }
        }
        return null;
    }

    /** {@link #find(byte[], int)} for the key in {@code key[0, length)}. */
    Item find(byte[] key, int length, int hash) {
        for (Item it = table[hash & (table.length - 1)]; it != null; it = it.hashNext) {
            if (it.hash == hash && java.util.Arrays.equals(it.data, 0, it.keyLength, key, 0, length)) {
                return it;
            }
        }
        return null;
    }

    /** Links a new item at the head of the LRU; the key must not be present. */
    void link(Item item) {
        int index = item.hash & (table.length - 1);
        item.hashNext = table[index];
        table[index] = item;
        pushHead(item);
        if (++size > table.length - (table.length >>> 2)) {
            grow();
        }
    }

    void unlink(Item item) {
        int index = item.hash & (table.length - 1);
        Item prev = null;
        for (Item it = table[index]; it != null; prev = it, it = it.hashNext) {
            if (it == item) {
                if (prev == null) {
                    table[index] = it.hashNext;
                } else {
                    prev.hashNext = it.hashNext;
                }
                it.hashNext = null;
                removeFromLru(it);
                size--;
                return;
            }
        }
    }

    /** Puts {@code replacement} where {@code old} was, at the head of the LRU. */
    void replace(Item old, Item replacement) {
        unlink(old);
        link(replacement);
    }

    void bump(Item item) {
        if (heads[item.namespace.lane] != item) {
            removeFromLru(item);
            pushHead(item);
        }
    }

    /**
     * Orders each lane's LRU by last access, the least recent at the tail: items restored from a
     * snapshot come in file order, which says nothing of their use.
     */
    void orderLruByLastAccess() {
        // Sorted as (last access, position) longs, not as items by a comparator: each comparison
        // of two items took two cache misses, and a load of 10M items 2.7 s. One walk of each
        // lane into arrays sized for the whole segment, one sort, one relink.
        Item[] items = new Item[size];
        long[] order = new long[size];
        for (int lane = 0; lane < heads.length; lane++) {
            int n = 0;
            for (Item it = heads[lane]; it != null && n < size; it = it.lruNext, n++) {
                items[n] = it;
                order[n] = ((long) it.lastAccess - Integer.MIN_VALUE) << 32 | n;
            }
            if (n < 2) {
                continue;
            }
            java.util.Arrays.sort(order, 0, n);
            heads[lane] = null;
            tails[lane] = null;
            for (int i = 0; i < n; i++) {
                pushHead(items[(int) order[i]]);
            }
        }
    }

    /** Visits every item; the visitor may not modify the segment. */
    void forEach(java.util.function.Consumer<Item> visitor) {
        for (Item bucket : table) {
            for (Item it = bucket; it != null; it = it.hashNext) {
                visitor.accept(it);
            }
        }
    }

    /**
     * Visits the buckets from {@code cursor} on, in reverse-binary order of their index (Redis's
     * dictScan), until {@code items} items or {@code buckets} buckets were visited, whichever
     * comes first; returns the cursor to continue from, 0 once every bucket has been. The order
     * is what makes a walk over several calls sound while the table doubles between them: the
     * buckets visited before map to buckets visited before, so an item present throughout is
     * visited exactly once. (A {@link #clear()} starts a new table: see {@link #generation()}.)
     */
    int scan(int cursor, int items, int buckets, java.util.function.Consumer<Item> visitor) {
        Item[] t = table;
        int mask = t.length - 1;
        int v = cursor;
        int visitedItems = 0;
        int visitedBuckets = 0;
        int prefetched = 0;
        do {
            if (prefetched == 0) {
                prefetched = prefetch(t, v, mask);
            }
            prefetched--;
            for (Item it = t[v & mask]; it != null; it = it.hashNext) {
                visitor.accept(it);
                visitedItems++;
            }
            visitedBuckets++;
            // the next index in reverse-binary order: increment the reversed bits above the mask
            v |= ~mask;
            v = Integer.reverse(Integer.reverse(v) + 1);
        } while (v != 0 && visitedItems < items && visitedBuckets < buckets);
        return v;
    }

    /** Buckets {@link #scan} reads ahead; see {@link #prefetch}. */
    private static final int SCAN_AHEAD = 16;
    /** Where the reads ahead go, so that the JIT keeps them. */
    private int prefetchSink;

    /**
     * Reads the heads of the next {@link #SCAN_AHEAD} buckets in scan order, and a field of each:
     * these loads do not depend on one another, so their cache misses overlap, where the walk
     * itself, bucket by bucket, would take them one after the other (a snapshot's walk spent most
     * of its time there). Returns how many buckets it read ahead.
     */
    private int prefetch(Item[] t, int from, int mask) {
        int v = from;
        int sink = 0;
        int count = 0;
        do {
            Item head = t[v & mask];
            if (head != null) {
                // the item, then its array: a chain of two misses per bucket, the buckets' in parallel
                sink += head.data.length;
            }
            count++;
            v |= ~mask;
            v = Integer.reverse(Integer.reverse(v) + 1);
        } while (v != 0 && count < SCAN_AHEAD);
        prefetchSink += sink;
        return count;
    }

    /**
     * Reads, without the lock, the head of the bucket {@code hash} falls in: a prefetch for a
     * batch of inserts (see {@link Store#restore(RestoreBatch)}), whose misses then overlap. A
     * stale read is harmless; the result means nothing.
     */
    int touch(int hash) {
        Item[] t = table;
        Item head = t[hash & (t.length - 1)];
        return head == null ? 0 : head.keyLength;
    }

    /** Bumped by {@link #clear()}: a walk that sees it change knows its cursor is for an old table. */
    int generation() {
        return generation;
    }

    /** Items in bucket {@code index}, for incremental crawls; -1 when past the end. */
    Item bucket(int index) {
        return index < table.length ? table[index] : null;
    }

    int capacity() {
        return table.length;
    }

    /** Grows the table at once to hold {@code items} without doubling on the way (a snapshot's load). */
    void presize(int items) {
        int wanted = Integer.highestOneBit(Math.max(INITIAL_CAPACITY, (int) Math.min(1 << 29, items * 4L / 3 + 1)));
        if (wanted < items * 4L / 3 + 1) {
            wanted <<= 1;
        }
        while (table.length < wanted) {
            grow();
        }
    }

    void clear() {
        generation++;
        table = new Item[INITIAL_CAPACITY];
        size = 0;
        java.util.Arrays.fill(heads, null);
        java.util.Arrays.fill(tails, null);
    }

    private void pushHead(Item item) {
        int lane = item.namespace.lane;
        Item head = heads[lane];
        item.lruPrev = null;
        item.lruNext = head;
        if (head != null) {
            head.lruPrev = item;
        }
        heads[lane] = item;
        if (tails[lane] == null) {
            tails[lane] = item;
        }
    }

    private void removeFromLru(Item item) {
        int lane = item.namespace.lane;
        if (item.lruPrev != null) {
            item.lruPrev.lruNext = item.lruNext;
        } else {
            heads[lane] = item.lruNext;
        }
        if (item.lruNext != null) {
            item.lruNext.lruPrev = item.lruPrev;
        } else {
            tails[lane] = item.lruPrev;
        }
        item.lruPrev = null;
        item.lruNext = null;
    }

    private void grow() {
        Item[] old = table;
        Item[] grown = new Item[old.length << 1];
        int mask = grown.length - 1;
        for (Item bucket : old) {
            Item it = bucket;
            while (it != null) {
                Item next = it.hashNext;
                int index = it.hash & mask;
                it.hashNext = grown[index];
                grown[index] = it;
                it = next;
            }
        }
        table = grown;
    }
}
