package io.memcluster.server.store;

import java.util.Arrays;
import java.util.function.Consumer;

/**
 * One store segment's tombstones: a chained hash table by the store's key hash, and a list from
 * the oldest to the newest, so that expiring them by age costs only the expired ones. Every method
 * expects the caller to hold the segment's lock.
 */
final class TombstoneTable {

    private static final int INITIAL_CAPACITY = 16;

    private Tombstone[] table = new Tombstone[INITIAL_CAPACITY];
    private int size;
    private long bytes;
    private Tombstone oldest;
    private Tombstone newest;

    int size() {
        return size;
    }

    long bytes() {
        return bytes;
    }

    Tombstone oldest() {
        return oldest;
    }

    Tombstone find(byte[] key, int length, int hash) {
        for (Tombstone t = table[hash & (table.length - 1)]; t != null; t = t.hashNext) {
            if (t.hash == hash && t.key.length == length && Arrays.equals(t.key, 0, length, key, 0, length)) {
                return t;
            }
        }
        return null;
    }

    /** Adds a tombstone for a key that has none, as the newest. */
    void add(Tombstone t) {
        int index = t.hash & (table.length - 1);
        t.hashNext = table[index];
        table[index] = t;
        append(t);
        size++;
        bytes += t.accountedSize();
        if (size > table.length - (table.length >>> 2)) {
            grow();
        }
    }

    void remove(Tombstone t) {
        int index = t.hash & (table.length - 1);
        Tombstone prev = null;
        for (Tombstone it = table[index]; it != null; prev = it, it = it.hashNext) {
            if (it == t) {
                if (prev == null) {
                    table[index] = it.hashNext;
                } else {
                    prev.hashNext = it.hashNext;
                }
                it.hashNext = null;
                detach(it);
                size--;
                bytes -= it.accountedSize();
                return;
            }
        }
    }

    /** A newer delete of a key that has a tombstone: the tombstone moves to the newest end. */
    void renew(Tombstone t, long version, int now) {
        detach(t);
        t.version = version;
        t.createdAt = now;
        append(t);
    }

    void forEach(Consumer<Tombstone> visitor) {
        for (Tombstone bucket : table) {
            for (Tombstone t = bucket; t != null; t = t.hashNext) {
                visitor.accept(t);
            }
        }
    }

    void clear() {
        table = new Tombstone[INITIAL_CAPACITY];
        size = 0;
        bytes = 0;
        oldest = null;
        newest = null;
    }

    private void append(Tombstone t) {
        t.older = newest;
        t.newer = null;
        if (newest != null) {
            newest.newer = t;
        } else {
            oldest = t;
        }
        newest = t;
    }

    private void detach(Tombstone t) {
        if (t.older != null) {
            t.older.newer = t.newer;
        } else {
            oldest = t.newer;
        }
        if (t.newer != null) {
            t.newer.older = t.older;
        } else {
            newest = t.older;
        }
        t.older = null;
        t.newer = null;
    }

    private void grow() {
        Tombstone[] grown = new Tombstone[table.length << 1];
        int mask = grown.length - 1;
        for (Tombstone bucket : table) {
            Tombstone t = bucket;
            while (t != null) {
                Tombstone next = t.hashNext;
                t.hashNext = grown[t.hash & mask];
                grown[t.hash & mask] = t;
                t = next;
            }
        }
        table = grown;
    }
}
