package io.memcluster.server.store;

import io.memcluster.protocol.StorageVerb;
import io.memcluster.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.Consumer;

/**
 * A memory-bounded cache with memcached's semantics. Keys hash to one of 64 segments, each with
 * its own lock, table and LRU list; the byte limit is global and never exceeded: room is
 * reserved before an item is linked, evicting least-recently-used items (from this segment, or
 * from others that are not busy) until it fits.
 *
 * <p>A namespace may have a quota, which is never exceeded either: its room is reserved first,
 * evicting only its own items, then the store's. Its items have an LRU list of their own in each
 * segment (a lane), so it evicts its own least recently used item of a segment, taking the
 * segments in turn: the order is approximate across segments, as the store's own is. Namespaces
 * without a quota share lane 0, and reserve and evict exactly as the store did before quotas;
 * the store's own evictions take the oldest tail of a segment's lanes, so that the store's limit
 * still falls on whichever namespace was used least recently.
 */
public final class Store {

    /** Means "no such argument" for the optional TTL parameters. */
    public static final long NO_TTL = Long.MIN_VALUE;

    /** How long a versioned delete's tombstone is kept by default: 24 hours, in seconds. */
    public static final int DEFAULT_TOMBSTONE_RETENTION = 24 * 60 * 60;
    /** Tombstones may hold at most this share of the memory limit (1/16); the oldest go first beyond it. */
    private static final int TOMBSTONE_SHARE_SHIFT = 4;
    private static final int SEGMENT_BITS = 6;
    private static final byte[] EMPTY = new byte[0];
    /** For {@link #evictOne}: the oldest item of whichever lane. */
    private static final int ANY_LANE = -1;

    private final Segment[] segments = new Segment[1 << SEGMENT_BITS];
    private final RelativeTime time;
    private final AtomicLong used = new AtomicLong();
    private final AtomicLong casCounter = new AtomicLong();
    private final NamespaceTable namespaces;
    private final StoreCounters counters = new StoreCounters();
    private volatile long memoryLimit;
    /** memcached's oldest_live: items last touched at or before it are flushed once it passes. */
    private volatile int oldestLive;
    /** Tombstones and their bytes, over every segment. */
    private final AtomicLong tombstones = new AtomicLong();
    private final AtomicLong tombstoneBytes = new AtomicLong();
    private final LongAdder tombstonesExpired = new LongAdder();
    private final LongAdder tombstonesDropped = new LongAdder();
    private volatile int tombstoneRetention = DEFAULT_TOMBSTONE_RETENTION;
    private int evictionCursor;
    private int crawlSegment;
    private int crawlBucket;

    public Store(long memoryLimit, Clock clock) {
        this(memoryLimit, Map.of(), clock);
    }

    /**
     * @param quotas bytes each of these namespaces may hold (valid names, positive sizes); a quota
     *               above the memory limit is allowed and never reached
     */
    public Store(long memoryLimit, Map<String, Long> quotas, Clock clock) {
        if (memoryLimit <= 0) {
            throw new IllegalArgumentException("memory limit must be positive, got " + memoryLimit);
        }
        this.memoryLimit = memoryLimit;
        this.time = new RelativeTime(clock);
        this.namespaces = new NamespaceTable(quotas);
        for (int i = 0; i < segments.length; i++) {
            segments[i] = new Segment(namespaces.lanes());
        }
    }

    // ---------------------------------------------------------------- reads

    /** get/gets: the live item, bumped in the LRU and marked fetched; null on a miss. */
    public Item get(byte[] key) {
        int hash = hash(key);
        Segment s = segmentFor(hash);
        int now = time.now();
        s.lock();
        try {
            Item it = findLive(s, key, hash, now, true);
            if (it != null) {
                bump(s, it, now);
            }
            return it;
        } finally {
            s.unlock();
        }
    }

    /** touch, gat and gats: sets a new expiry on a live item; null on a miss. */
    public Item touch(byte[] key, long exptime) {
        int hash = hash(key);
        Segment s = segmentFor(hash);
        int now = time.now();
        s.lock();
        try {
            Item it = findLive(s, key, hash, now, true);
            if (it != null) {
                it.expiresAt = time.fromExptime(exptime);
                bump(s, it, now);
            }
            return it;
        } finally {
            s.unlock();
        }
    }

    /**
     * mg: the item with what the flags ask about it, read before this command changes it.
     *
     * @param bump false for the u flag
     * @param newTtl T flag, or {@link #NO_TTL}
     * @param vivifyTtl N flag: create an empty item on a miss, or {@link #NO_TTL}
     * @param recacheTtl R flag: win when the remaining TTL is below it, or {@link #NO_TTL}
     * @param newCas E flag: CAS of a vivified item, or 0 for the next one
     */
    public void metaGet(byte[] key, boolean bump, long newTtl, long vivifyTtl, long recacheTtl,
            long newCas, boolean binaryKey, Result out) {
        out.reset();
        int hash = hash(key);
        Segment s = segmentFor(hash);
        int now = time.now();
        s.lock();
        try {
            Item it = findLive(s, key, hash, now, true);
            boolean created = false;
            if (it == null && vivifyTtl != NO_TTL) {
                Item fresh = newItem(key, hash, 0, EMPTY, 0, EMPTY.length, casOrNext(newCas), now, binaryKey);
                fresh.expiresAt = time.fromExptime(vivifyTtl);
                if (reserve(s, fresh, null)) {
                    link(s, fresh);
                    it = fresh;
                    created = true;
                }
            }
            if (it == null) {
                return;
            }
            out.hitBefore = (it.bits & Item.FETCHED) != 0;
            out.idleSeconds = now - it.lastAccess;
            if (newTtl != NO_TTL) {
                it.expiresAt = time.fromExptime(newTtl);
                out.touched = true;
            }
            boolean tokenSent = (it.bits & Item.TOKEN_SENT) != 0;
            boolean won = created;
            if (recacheTtl != NO_TTL && !tokenSent && !created && it.expiresAt != 0
                    && it.expiresAt < time.fromExptime(recacheTtl)) {
                won = true;
            }
            out.tokenAlreadySent = tokenSent;
            if ((it.bits & Item.STALE) != 0) {
                out.stale = true;
                if (!tokenSent) {
                    won = true;
                }
            }
            if (won) {
                it.bits |= Item.TOKEN_SENT;
            }
            out.won = won;
            out.ttl = ttlOf(it, now);
            if (bump) {
                bump(s, it, now);
            }
            out.item = it;
        } finally {
            s.unlock();
        }
    }

    /** me and metadump: a live item without bumping it; null on a miss. */
    public Item peek(byte[] key) {
        int hash = hash(key);
        Segment s = segmentFor(hash);
        s.lock();
        try {
            return findLive(s, key, hash, time.now(), false);
        } finally {
            s.unlock();
        }
    }

    // ---------------------------------------------------------------- writes

    /**
     * set, add, replace, append, prepend, cas and ms.
     *
     * @param compareCas the CAS the client supplied (cas command, C flag), 0 for none
     * @param newCas the CAS to give the stored item (E flag), 0 for the next one
     * @param invalidate I flag: a CAS older than the item's stores the value marked stale
     * @param vivifyTtl append/prepend with N: store as a new item when missing, or NO_TTL
     */
    public Outcome store(StorageVerb mode, byte[] key, int flags, long exptime, byte[] value,
            long compareCas, long newCas, boolean binaryKey, boolean invalidate, long vivifyTtl,
            Result out) {
        out.reset();
        int hash = hash(key);
        Segment s = segmentFor(hash);
        int now = time.now();
        s.lock();
        try {
            Item old = findLive(s, key, hash, now, false);
            boolean markStale = false;
            switch (mode) {
                case ADD:
                    if (old != null) {
                        bump(s, old, now);
                        return Outcome.NOT_STORED;
                    }
                    break;
                case REPLACE:
                    if (old == null) {
                        return Outcome.NOT_STORED;
                    }
                    break;
                case APPEND:
                case PREPEND:
                    if (old == null) {
                        if (vivifyTtl == NO_TTL) {
                            return Outcome.NOT_STORED;
                        }
                        exptime = vivifyTtl;
                        break;
                    }
                    if (compareCas != 0 && old.cas != compareCas) {
                        return Outcome.EXISTS;
                    }
                    break;
                case CAS:
                    if (old == null) {
                        return Outcome.NOT_FOUND;
                    }
                    if (old.cas != compareCas) {
                        if (invalidate && Long.compareUnsigned(compareCas, old.cas) < 0) {
                            markStale = true;
                        } else {
                            return Outcome.EXISTS;
                        }
                    }
                    break;
                case SET:
                default:
                    break;
            }
            Item fresh;
            if ((mode == StorageVerb.APPEND || mode == StorageVerb.PREPEND) && old != null) {
                fresh = concatenated(old, value, mode == StorageVerb.APPEND, casOrNext(newCas), now);
            } else {
                fresh = newItem(key, hash, flags, value, 0, value.length, casOrNext(newCas), now, binaryKey);
                fresh.expiresAt = time.fromExptime(exptime);
            }
            if (markStale) {
                fresh.bits |= Item.STALE;
            }
            if (mode == StorageVerb.SET && old != null) {
                // The new value takes the old one's room; and as memcached, a set that fails
                // must not leave the previous value readable, so it goes first either way.
                remove(s, old);
                old = null;
            }
            if (!reserve(s, fresh, old)) {
                return Outcome.NO_MEMORY;
            }
            if (old != null) {
                remove(s, old);
            }
            link(s, fresh);
            out.item = fresh;
            return Outcome.STORED;
        } finally {
            s.unlock();
        }
    }

    /** delete: DELETED or NOT_FOUND. */
    public Outcome delete(byte[] key) {
        int hash = hash(key);
        Segment s = segmentFor(hash);
        s.lock();
        try {
            Item it = findLive(s, key, hash, time.now(), false);
            if (it == null) {
                return Outcome.NOT_FOUND;
            }
            remove(s, it);
            return Outcome.DELETED;
        } finally {
            s.unlock();
        }
    }

    /**
     * md: delete, or with {@code invalidate} mark stale and give a new CAS, or with
     * {@code removeValue} keep the key with an empty value.
     */
    public Outcome metaDelete(byte[] key, long compareCas, boolean invalidate, boolean removeValue,
            long newTtl, int newFlags, long newCas, Result out) {
        out.reset();
        int hash = hash(key);
        Segment s = segmentFor(hash);
        int now = time.now();
        s.lock();
        try {
            Item it = findLive(s, key, hash, now, false);
            if (it == null) {
                return Outcome.NOT_FOUND;
            }
            if (compareCas != 0 && it.cas != compareCas) {
                return Outcome.EXISTS;
            }
            if (removeValue) {
                Item emptied = newItem(key, hash, newFlags, EMPTY, 0, 0, newCas != 0 ? newCas : it.cas, now,
                        it.binaryKey());
                emptied.expiresAt = newTtl == NO_TTL ? 0 : time.fromExptime(newTtl);
                remove(s, it);
                if (!reserve(s, emptied, null)) {
                    return Outcome.NO_MEMORY;
                }
                link(s, emptied);
                it = emptied;
            }
            if (invalidate) {
                if (newTtl != NO_TTL) {
                    it.expiresAt = time.fromExptime(newTtl);
                }
                it.bits |= Item.STALE;
                it.bits &= ~Item.TOKEN_SENT;
                it.namespace.digest().removeItem(it);
                it.cas = casOrNext(newCas);
                it.namespace.observeCas(it.cas);
                it.namespace.digest().addItem(it);
            } else if (!removeValue) {
                remove(s, it);
            }
            out.item = it;
            return Outcome.DELETED;
        } finally {
            s.unlock();
        }
    }

    /**
     * incr, decr and ma. STORED with the new number in {@code out.number}; NOT_FOUND, EXISTS,
     * NON_NUMERIC or NO_MEMORY otherwise. A result no longer than the old value is space-padded
     * to the old length, as memcached's in-place update leaves it.
     */
    public Outcome arithmetic(byte[] key, boolean increment, long delta, long compareCas, long newCas,
            long vivifyTtl, long initial, long newTtl, Result out) {
        out.reset();
        int hash = hash(key);
        Segment s = segmentFor(hash);
        int now = time.now();
        s.lock();
        try {
            Item old = findLive(s, key, hash, now, false);
            if (old == null) {
                if (vivifyTtl == NO_TTL) {
                    return Outcome.NOT_FOUND;
                }
                byte[] digits = Decimal.format(initial, 0);
                Item fresh = newItem(key, hash, 0, digits, 0, digits.length, casOrNext(newCas), now, false);
                fresh.expiresAt = time.fromExptime(newTtl != NO_TTL ? newTtl : vivifyTtl);
                if (!reserve(s, fresh, null)) {
                    return Outcome.NO_MEMORY;
                }
                link(s, fresh);
                out.item = fresh;
                out.number = initial;
                out.ttl = ttlOf(fresh, now);
                return Outcome.STORED;
            }
            if (old.valueLength() == 0) {
                return Outcome.NON_NUMERIC;
            }
            if (compareCas != 0 && old.cas != compareCas) {
                return Outcome.EXISTS;
            }
            long[] parsed = new long[1];
            if (!Decimal.parse(old.data, old.keyLength, old.data.length, parsed)) {
                return Outcome.NON_NUMERIC;
            }
            long value = parsed[0];
            if (increment) {
                value += delta;
            } else {
                value = Long.compareUnsigned(delta, value) > 0 ? 0 : value - delta;
            }
            byte[] digits = Decimal.format(value, old.valueLength());
            Item fresh = newItem(key, hash, old.flags, digits, 0, digits.length, casOrNext(newCas), now,
                    old.binaryKey());
            fresh.expiresAt = newTtl != NO_TTL ? time.fromExptime(newTtl) : old.expiresAt;
            fresh.bits |= (byte) (old.bits & Item.FETCHED);
            if (!reserve(s, fresh, old)) {
                return Outcome.NO_MEMORY;
            }
            remove(s, old);
            link(s, fresh);
            out.item = fresh;
            out.number = value;
            out.ttl = ttlOf(fresh, now);
            return Outcome.STORED;
        } finally {
            s.unlock();
        }
    }

    // ---------------------------------------------------------------- versioned writes

    /**
     * ms with E and V: a coordinator's write, last writer wins. Stored only when the key holds no
     * live item and no tombstone of a version at or above {@code version} (unsigned); the item's
     * CAS is then exactly the version. NOT_STORED when something newer or equal is there, leaving
     * it untouched, so that replicas converge whatever order their writes arrive in.
     */
    public Outcome storeVersioned(byte[] key, int flags, long exptime, byte[] value, long version,
            boolean binaryKey, Result out) {
        out.reset();
        int hash = hash(key);
        Segment s = segmentFor(hash);
        int now = time.now();
        s.lock();
        try {
            Item old = findLive(s, key, hash, now, false);
            if (old != null && Long.compareUnsigned(old.cas, version) >= 0) {
                out.item = old;
                return Outcome.NOT_STORED;
            }
            Tombstone tomb = s.tombstones == null ? null : s.tombstones.find(key, key.length, hash);
            if (tomb != null && Long.compareUnsigned(tomb.version, version) >= 0) {
                return Outcome.NOT_STORED;
            }
            Item fresh = newItem(key, hash, flags, value, 0, value.length, casOrNext(version), now, binaryKey);
            fresh.expiresAt = time.fromExptime(exptime);
            if (old != null) {
                // as a set: the new value takes the old one's room, and a failed write leaves no stale value
                remove(s, old);
            }
            if (!reserve(s, fresh, null)) {
                return Outcome.NO_MEMORY;
            }
            link(s, fresh);
            out.item = fresh;
            return Outcome.STORED;
        } finally {
            s.unlock();
        }
    }

    /**
     * md with E and V: a coordinator's delete, last writer wins. EXISTS when the live item's
     * version is at or above {@code version} (a newer write won); otherwise the item goes, if
     * there is one, and the key keeps a tombstone of the highest version deleted, for
     * {@link #setTombstoneRetention the retention}: DELETED when an item went, NOT_FOUND when
     * none was there (the tombstone is recorded either way, so that a late write cannot revive it).
     */
    public Outcome deleteVersioned(byte[] key, long version, boolean binaryKey, Result out) {
        out.reset();
        int hash = hash(key);
        Segment s = segmentFor(hash);
        int now = time.now();
        s.lock();
        try {
            Item it = findLive(s, key, hash, now, false);
            if (it != null && Long.compareUnsigned(it.cas, version) >= 0) {
                out.item = it;
                return Outcome.EXISTS;
            }
            if (it != null) {
                remove(s, it);
            }
            casOrNext(version);
            leaveTombstone(s, key, hash, namespaces.of(key), binaryKey, version, now);
            return it != null ? Outcome.DELETED : Outcome.NOT_FOUND;
        } finally {
            s.unlock();
        }
    }

    /** How long tombstones are kept, in seconds (node.tombstone_retention). */
    public void setTombstoneRetention(int seconds) {
        if (seconds <= 0) {
            throw new IllegalArgumentException("tombstone retention must be positive, got " + seconds);
        }
        tombstoneRetention = seconds;
    }

    public int tombstoneRetention() {
        return tombstoneRetention;
    }

    public long tombstoneCount() {
        return tombstones.get();
    }

    /** Bytes tombstones take (key and {@link Tombstone#OVERHEAD} each), outside the memory limit. */
    public long tombstoneBytes() {
        return tombstoneBytes.get();
    }

    /** Tombstones removed because their retention passed. */
    public long tombstonesExpired() {
        return tombstonesExpired.sum();
    }

    /** Tombstones removed before their retention passed, to stay within 1/16 of the memory limit. */
    public long tombstonesDropped() {
        return tombstonesDropped.sum();
    }

    /** What {@link #scanTombstones} shows of a tombstone: copied, since the visitor runs under the lock. */
    public interface TombstoneVisitor {
        void visit(byte[] key, boolean binaryKey, long version);
    }

    /**
     * Visits the tombstones of store segment {@code segment} (0 to {@link #segmentCount()} - 1)
     * that belong to {@code namespace} and lie in one of {@code digestSegments} (null: all), under
     * that segment's lock: a walk over every tombstone in as many short steps as there are
     * segments. The visitor must be quick and must not call the store.
     */
    public void scanTombstones(int segment, Namespace namespace, java.util.BitSet digestSegments,
            TombstoneVisitor visitor) {
        Segment s = segments[segment];
        s.lock();
        try {
            if (s.tombstones == null) {
                return;
            }
            expireTombstones(s, time.now());
            s.tombstones.forEach(t -> {
                if (t.namespace == namespace && (digestSegments == null || digestSegments.get(t.digestSegment))) {
                    visitor.visit(t.key, t.binaryKey, t.version);
                }
            });
        } finally {
            s.unlock();
        }
    }

    /** The store's segments, for walks that take one per step ({@link #scanTombstones}). */
    public int segmentCount() {
        return segments.length;
    }

    /** Records (or raises) the key's tombstone, then keeps the segment's within age and size. */
    private void leaveTombstone(Segment s, byte[] key, int hash, Namespace ns, boolean binaryKey, long version,
            int now) {
        TombstoneTable table = s.tombstones;
        if (table == null) {
            table = s.tombstones = new TombstoneTable();
        }
        Tombstone tomb = table.find(key, key.length, hash);
        if (tomb == null) {
            tomb = new Tombstone(key.clone(), hash, ns, binaryKey, version, now);
            table.add(tomb);
            tombstones.incrementAndGet();
            tombstoneBytes.addAndGet(tomb.accountedSize());
            ns.digest().addTombstone(tomb);
        } else if (Long.compareUnsigned(version, tomb.version) > 0) {
            ns.digest().removeTombstone(tomb);
            table.renew(tomb, version, now);
            ns.digest().addTombstone(tomb);
        }
        ns.observeCas(version);
        expireTombstones(s, now);
        long share = (memoryLimit >>> TOMBSTONE_SHARE_SHIFT) / segments.length;
        while (table.bytes() > share && table.size() > 1) {
            dropTombstone(s, table.oldest());
            tombstonesDropped.increment();
        }
    }

    /** Removes the segment's tombstones older than the retention, oldest first. */
    private void expireTombstones(Segment s, int now) {
        TombstoneTable table = s.tombstones;
        if (table == null) {
            return;
        }
        int limit = now - tombstoneRetention;
        for (Tombstone t = table.oldest(); t != null && t.createdAt <= limit; t = table.oldest()) {
            dropTombstone(s, t);
            tombstonesExpired.increment();
        }
    }

    /** A key linked again (by any write) needs its tombstone no more: the item is newer. */
    private void clearTombstone(Segment s, Item it) {
        Tombstone tomb = s.tombstones.find(it.data, it.keyLength, it.hash);
        if (tomb != null) {
            dropTombstone(s, tomb);
        }
    }

    private void dropTombstone(Segment s, Tombstone t) {
        s.tombstones.remove(t);
        tombstones.decrementAndGet();
        tombstoneBytes.addAndGet(-t.accountedSize());
        t.namespace.digest().removeTombstone(t);
    }

    /** Every tombstone of the segment (flush_all), or of one namespace; under its lock. */
    private void clearTombstones(Segment s, Namespace only) {
        TombstoneTable table = s.tombstones;
        if (table == null) {
            return;
        }
        List<Tombstone> doomed = new ArrayList<>();
        table.forEach(t -> {
            if (only == null || t.namespace == only) {
                doomed.add(t);
            }
        });
        doomed.forEach(t -> dropTombstone(s, t));
    }

    /**
     * flush_all: with no delay every item goes now; with a delay (seconds, or a unix time past 30
     * days) every item stored or touched before that moment becomes invisible when it comes.
     */
    public void flushAll(long delay) {
        if (delay > 0) {
            oldestLive = time.fromExptime(delay) - 1;
            return;
        }
        oldestLive = time.now() - 1;
        for (Segment s : segments) {
            s.lock();
            try {
                s.forEach(it -> {
                    it.namespace.removed(it);
                    used.addAndGet(-it.accountedSize());
                });
                s.clear();
                clearTombstones(s, null);
            } finally {
                s.unlock();
            }
        }
    }

    /** Removes every item of one namespace; returns how many. */
    public long flushNamespace(String name) {
        long removed = 0;
        Namespace ns = namespaces.named(name);
        for (Segment s : segments) {
            s.lock();
            try {
                List<Item> doomed = new ArrayList<>();
                s.forEach(it -> {
                    if (it.namespace.name().equals(name)) {
                        doomed.add(it);
                    }
                });
                for (Item it : doomed) {
                    remove(s, it);
                }
                removed += doomed.size();
                if (ns != null) {
                    clearTombstones(s, ns);
                }
            } finally {
                s.unlock();
            }
        }
        return removed;
    }

    /** cache_memlimit: a new limit, evicting at once down to it. */
    public void setMemoryLimit(long bytes) {
        if (bytes <= 0) {
            throw new IllegalArgumentException("memory limit must be positive, got " + bytes);
        }
        memoryLimit = bytes;
        while (used.get() > memoryLimit && evictOneFromAnySegment()) {
            // keep evicting until under the new limit
        }
    }

    /**
     * The background crawler's step: looks at up to {@code buckets} hash buckets, removing items
     * that expired or were flushed, and returns how many it removed.
     */
    public int reapExpired(int buckets) {
        int now = time.now();
        int reaped = 0;
        synchronized (this) {
            for (int visited = 0; visited < buckets; visited++) {
                Segment s = segments[crawlSegment];
                s.lock();
                try {
                    if (crawlBucket >= s.capacity()) {
                        expireTombstones(s, now);
                        crawlBucket = 0;
                        crawlSegment = (crawlSegment + 1) & (segments.length - 1);
                        continue;
                    }
                    Item it = s.bucket(crawlBucket++);
                    while (it != null) {
                        Item next = it.hashNext;
                        counters.crawlerItemsChecked.increment();
                        if (isExpired(it, now) || isFlushed(it, now)) {
                            reclaim(s, it);
                            counters.crawlerReclaimed.increment();
                            reaped++;
                        }
                        it = next;
                    }
                } finally {
                    s.unlock();
                }
            }
        }
        return reaped;
    }

    /** Visits every live item, a segment at a time, without bumping. */
    public void forEachLive(Consumer<Item> visitor) {
        int now = time.now();
        for (Segment s : segments) {
            List<Item> batch = new ArrayList<>(s.size());
            s.lock();
            try {
                s.forEach(it -> {
                    if (!isExpired(it, now) && !isFlushed(it, now)) {
                        batch.add(it);
                    }
                });
            } finally {
                s.unlock();
            }
            batch.forEach(visitor);
        }
    }

    /** Where a {@link #scanLive} walk over the store has got to; one per walk, confined to its caller. */
    public static final class Scan {
        private int segment;
        private int cursor;
        private int generation;
        private boolean inSegment;
        private final int stride;

        private Scan(int first, int stride) {
            this.segment = first;
            this.stride = stride;
        }
    }

    /** A walk over the live items from the start; see {@link #scanLive}. */
    public Scan newScan() {
        return new Scan(0, 1);
    }

    /**
     * Part {@code part} of {@code parts} walks that together visit every segment once, for walks
     * that run on several threads at once (a snapshot's workers).
     */
    public Scan newScan(int part, int parts) {
        if (parts < 1 || part < 0 || part >= parts) {
            throw new IllegalArgumentException("part " + part + " of " + parts);
        }
        return new Scan(part, parts);
    }

    /**
     * Visits live items (neither expired nor flushed) from where {@code scan} stopped, without
     * bumping them, under one segment lock held for at most about {@code items} of them: a walk
     * over the whole store in short steps that copies nothing. Returns false once every segment
     * has been walked.
     *
     * <p>An item deleted or expired before the walk reaches it is not visited; an item stored
     * meanwhile may or may not be; no key is visited twice, though tables grow between the steps.
     * After a {@code flush_all} the rest of a segment's new table is skipped (its items all came
     * after the walk began). The visitor runs under the segment's lock: it must be quick and must
     * not call the store's locking methods.
     */
    public boolean scanLive(Scan scan, int items, Consumer<Item> visitor) {
        if (scan.segment >= segments.length) {
            return false;
        }
        int now = time.now();
        Segment s = segments[scan.segment];
        s.lock();
        try {
            if (!scan.inSegment) {
                scan.inSegment = true;
                scan.cursor = 0;
                scan.generation = s.generation();
            }
            int next = 0;
            if (scan.generation == s.generation()) {
                next = s.scan(scan.cursor, items, items * 16, it -> {
                    if (!isExpired(it, now) && !isFlushed(it, now)) {
                        visitor.accept(it);
                    }
                });
            }
            scan.cursor = next;
            if (next == 0) {
                scan.inSegment = false;
                scan.segment += scan.stride;
            }
        } finally {
            s.unlock();
        }
        return scan.segment < segments.length;
    }

    /**
     * Like {@link #scanLive(Scan, int, Consumer)}, copying what it visits into {@code batch}
     * (cleared first) under one lock hold of about {@link ItemBatch}'s target, for a walk that
     * writes items out after the lock is released (a snapshot). False once the walk is over; the
     * batch may hold the last items even then.
     */
    public boolean scanLive(Scan scan, ItemBatch batch) {
        batch.clear();
        boolean more = true;
        while (more && batch.size() == 0) {
            more = scanLive(scan, batch.target(), batch::add);
        }
        return more;
    }

    /**
     * Opens a cut for a walk over the store: what it returns tells, once {@link #closeCut} is
     * called after the walk, which versions the walk can vouch for. One cut at a time.
     */
    public synchronized VersionCut openCut() {
        return VersionCut.open(namespaces.list());
    }

    public void closeCut(VersionCut cut) {
        cut.close();
    }

    /** What {@link #restore} did with an item. */
    public enum Restored {
        RESTORED,
        /** Its expiry passed before it came back. */
        EXPIRED,
        /** No room for it under the memory limit or its namespace's quota: nothing was evicted for it. */
        NO_ROOM
    }

    /**
     * Puts back an item a snapshot kept, exactly: key and value ({@code data}, which the item
     * keeps without a copy), flags, CAS, expiry and last access (unix seconds; expiry 0 for never),
     * and its state bits as {@link ItemBatch#bits} gave them. It evicts nothing; a key already
     * present is replaced. For a node that is loading, before it serves clients.
     */
    public Restored restore(byte[] data, int keyLength, int flags, long cas, long expiresUnix, long lastAccessUnix,
            byte bits) {
        int expiresAt = 0;
        if (expiresUnix != 0) {
            expiresAt = time.fromExptime(expiresUnix);
            if (expiresAt <= time.now()) {
                return Restored.EXPIRED;
            }
        }
        int hash = hashOf(data, keyLength);
        Segment s = segmentFor(hash);
        Item it = new Item(data, keyLength, flags, hash, namespaces.of(data, keyLength));
        it.cas = casOrNext(cas);
        it.expiresAt = expiresAt;
        it.lastAccess = time.fromUnix(lastAccessUnix);
        it.bits = bits;
        s.lock();
        try {
            Item old = s.find(data, keyLength, hash);
            if (old != null) {
                remove(s, old);
            }
            if (!reserveWithoutEvicting(it)) {
                return Restored.NO_ROOM;
            }
            link(s, it);
            return Restored.RESTORED;
        } finally {
            s.unlock();
        }
    }

    /**
     * {@link #restore(byte[], int, int, long, long, long, byte)} for a batch: the room of all its
     * items is reserved at once and the shared counters are updated once, when they are all of one
     * namespace (a snapshot's chunk is); item by item otherwise, or when they do not all fit. The
     * batch's counts say what became of them.
     */
    public void restore(RestoreBatch batch) {
        batch.restored = 0;
        batch.expired = 0;
        batch.noRoom = 0;
        int n = batch.size();
        if (n == 0) {
            return;
        }
        Namespace ns = namespaces.of(batch.data(0), batch.keyLength(0));
        long bytes = 0;
        for (int i = 0; i < n; i++) {
            if (namespaces.of(batch.data(i), batch.keyLength(i)) != ns) {
                restoreEach(batch);
                return;
            }
            bytes += batch.data(i).length + (long) Item.OVERHEAD;
        }
        if (!reserveWithoutEvicting(ns, bytes)) {
            restoreEach(batch);
            return;
        }
        // hashes first, and a read of each item's bucket: the misses on the tables overlap
        int[] hashes = batch.hashes();
        int sink = 0;
        for (int i = 0; i < n; i++) {
            hashes[i] = hashOf(batch.data(i), batch.keyLength(i));
            sink += segmentFor(hashes[i]).touch(hashes[i]);
        }
        batch.sink = sink;
        int now = time.now();
        long released = 0;
        long maxCas = 0;
        for (int i = 0; i < n; i++) {
            byte[] data = batch.data(i);
            int keyLength = batch.keyLength(i);
            long expiresUnix = batch.expiresUnix(i);
            int expiresAt = expiresUnix == 0 ? 0 : time.fromExptime(expiresUnix);
            if (expiresUnix != 0 && expiresAt <= now) {
                released += data.length + (long) Item.OVERHEAD;
                batch.expired++;
                continue;
            }
            int hash = hashes[i];
            Item it = new Item(data, keyLength, batch.flags(i), hash, ns);
            it.cas = batch.cas(i);
            it.expiresAt = expiresAt;
            it.lastAccess = time.fromUnix(batch.lastAccessUnix(i));
            it.bits = batch.bits(i);
            if (Long.compareUnsigned(it.cas, maxCas) > 0) {
                maxCas = it.cas;
            }
            Segment s = segmentFor(hash);
            // the digest's MD5 before the lock: the load runs on every core, the segment is shared
            it.digestSegment = (short) VersionDigest.segmentOf(data, keyLength);
            s.lock();
            try {
                Item old = s.find(data, keyLength, hash);
                if (old != null) {
                    remove(s, old);
                }
                if (s.tombstones != null) {
                    clearTombstone(s, it);
                }
                s.link(it);
                ns.digest().addItem(it);
            } finally {
                s.unlock();
            }
            batch.restored++;
        }
        if (released > 0) {
            used.addAndGet(-released);
            ns.release(released);
        }
        ns.restored(batch.restored, maxCas);
        counters.totalItems.add(batch.restored);
        if (maxCas != 0) {
            casOrNext(maxCas);
        }
    }

    private void restoreEach(RestoreBatch batch) {
        for (int i = 0; i < batch.size(); i++) {
            switch (restore(batch.data(i), batch.keyLength(i), batch.flags(i), batch.cas(i), batch.expiresUnix(i),
                    batch.lastAccessUnix(i), batch.bits(i))) {
                case RESTORED -> batch.restored++;
                case EXPIRED -> batch.expired++;
                default -> batch.noRoom++;
            }
        }
    }

    /**
     * Puts the LRU in the order of the items' last access, once {@link #restore} has put them
     * back in the order of the files: so that the items least used before a restart are the first
     * evicted after it.
     */
    public void orderByRecency() {
        orderByRecency(0, 1);
    }

    /**
     * Part {@code part} of {@code parts} of {@link #orderByRecency()}, for threads that share it:
     * segments {@code part}, {@code part + parts}, ...
     */
    public void orderByRecency(int part, int parts) {
        for (int i = part; i < segments.length; i += parts) {
            Segment s = segments[i];
            s.lock();
            try {
                s.orderLruByLastAccess();
            } finally {
                s.unlock();
            }
        }
    }

    /** Sizes the tables for {@code items} more items at once, so that a load does not rehash as it goes. */
    public void presize(long items) {
        int perSegment = (int) Math.min(Integer.MAX_VALUE, (items + segments.length - 1) / segments.length);
        for (Segment s : segments) {
            s.lock();
            try {
                s.presize(s.size() + perSegment);
            } finally {
                s.unlock();
            }
        }
    }

    // ---------------------------------------------------------------- figures

    public RelativeTime time() {
        return time;
    }

    public long memoryLimit() {
        return memoryLimit;
    }

    /** Bytes accounted to live items (key, value and {@link Item#OVERHEAD} each). */
    public long bytesUsed() {
        return used.get();
    }

    public long itemCount() {
        long count = 0;
        for (Segment s : segments) {
            count += s.size();
        }
        return count;
    }

    public StoreCounters counters() {
        return counters;
    }

    /** stats reset: the store's counters and each namespace's. */
    public void resetCounters() {
        counters.reset();
        namespaces.list().forEach(Namespace::resetCounters);
    }

    public List<Namespace> namespaces() {
        return namespaces.list();
    }

    public Namespace namespace(String name) {
        return namespaces.named(name);
    }

    /** Remaining seconds before the item expires, -1 for never. */
    public int ttlOf(Item it) {
        return ttlOf(it, time.now());
    }

    /** Seconds since the item was last stored or bumped. */
    public int idleSecondsOf(Item it) {
        return time.now() - it.lastAccess;
    }

    public boolean fetched(Item it) {
        return (it.bits & Item.FETCHED) != 0;
    }

    /** Unix time of the item's expiry, -1 for never. */
    public long expiresAtUnix(Item it) {
        return it.expiresAt == 0 ? -1 : time.toUnix(it.expiresAt);
    }

    public long lastAccessUnix(Item it) {
        return time.toUnix(it.lastAccess);
    }

    // ---------------------------------------------------------------- internals

    private Item findLive(Segment s, byte[] key, int hash, int now, boolean countAsGet) {
        Item it = s.find(key, hash);
        if (it == null) {
            return null;
        }
        if (isExpired(it, now)) {
            reclaim(s, it);
            if (countAsGet) {
                counters.getExpired.increment();
            }
            return null;
        }
        if (isFlushed(it, now)) {
            reclaim(s, it);
            if (countAsGet) {
                counters.getFlushed.increment();
            }
            return null;
        }
        return it;
    }

    private boolean isExpired(Item it, int now) {
        return it.expiresAt != 0 && it.expiresAt <= now;
    }

    private boolean isFlushed(Item it, int now) {
        int oldest = oldestLive;
        return oldest != 0 && oldest <= now && it.lastAccess <= oldest;
    }

    private void bump(Segment s, Item it, int now) {
        it.bits |= Item.FETCHED;
        it.lastAccess = now;
        s.bump(it);
    }

    private Item newItem(byte[] key, int hash, int flags, byte[] value, int from, int length, long cas, int now,
            boolean binaryKey) {
        byte[] data = new byte[key.length + length];
        System.arraycopy(key, 0, data, 0, key.length);
        System.arraycopy(value, from, data, key.length, length);
        Item it = new Item(data, key.length, flags, hash, namespaces.of(key));
        it.cas = cas;
        it.lastAccess = now;
        if (binaryKey) {
            it.bits |= Item.BINARY_KEY;
        }
        return it;
    }

    private Item concatenated(Item old, byte[] value, boolean append, long cas, int now) {
        int keyLength = old.keyLength;
        int oldValueLength = old.valueLength();
        byte[] data = new byte[keyLength + oldValueLength + value.length];
        System.arraycopy(old.data, 0, data, 0, keyLength);
        if (append) {
            System.arraycopy(old.data, keyLength, data, keyLength, oldValueLength);
            System.arraycopy(value, 0, data, keyLength + oldValueLength, value.length);
        } else {
            System.arraycopy(value, 0, data, keyLength, value.length);
            System.arraycopy(old.data, keyLength, data, keyLength + value.length, oldValueLength);
        }
        Item it = new Item(data, keyLength, old.flags, old.hash, old.namespace);
        it.cas = cas;
        it.lastAccess = now;
        it.expiresAt = old.expiresAt;
        it.bits = (byte) (old.bits & (Item.FETCHED | Item.BINARY_KEY));
        return it;
    }

    private long casOrNext(long requested) {
        if (requested != 0) {
            // keep our own counter ahead of explicit versions so later uniques still increase
            long seen;
            while (Long.compareUnsigned(requested, seen = casCounter.get()) > 0
                    && !casCounter.compareAndSet(seen, requested)) {
                // retry
            }
            return requested;
        }
        return casCounter.incrementAndGet();
    }

    private void link(Segment s, Item it) {
        if (s.tombstones != null) {
            clearTombstone(s, it);
        }
        s.link(it);
        it.namespace.added(it);
        counters.totalItems.increment();
    }

    /** Unlinks a live item and releases its bytes. */
    private void remove(Segment s, Item it) {
        s.unlink(it);
        it.namespace.removed(it);
        used.addAndGet(-it.accountedSize());
    }

    private void reclaim(Segment s, Item it) {
        if ((it.bits & Item.FETCHED) == 0) {
            counters.expiredUnfetched.increment();
        }
        counters.reclaimed.increment();
        remove(s, it);
    }

    /**
     * Reserves room for {@code fresh}: under its namespace's quota first, if it has one, evicting
     * that namespace's LRU tails until it fits; then under the store's limit, evicting the oldest
     * tails of any namespace. Called with {@code own} locked: its tails are evicted directly (never
     * {@code keep}); other segments only when their lock is free, so two writers can never wait on
     * each other. Nothing stays reserved when it fails.
     */
    private boolean reserve(Segment own, Item fresh, Item keep) {
        long size = fresh.accountedSize();
        Namespace ns = fresh.namespace;
        if (!ns.hasQuota()) {
            // the hot path of every namespace without a quota: as before quotas
            if (!reserveUnderLimit(own, size, keep)) {
                return false;
            }
            ns.reserve(size);
            return true;
        }
        if (!reserveUnderQuota(own, ns, size, keep)) {
            return false;
        }
        if (!reserveUnderLimit(own, size, keep)) {
            ns.release(size);
            return false;
        }
        return true;
    }

    private boolean reserveUnderQuota(Segment own, Namespace ns, long size, Item keep) {
        if (size > ns.quota()) {
            return false;
        }
        int idleRounds = 0;
        while (!ns.tryReserve(size)) {
            if (evictOne(own, keep, ns.lane)) {
                idleRounds = 0;
            } else if (++idleRounds > segments.length * 2) {
                return false;
            }
        }
        return true;
    }

    private boolean reserveUnderLimit(Segment own, long size, Item keep) {
        if (size > memoryLimit) {
            return false;
        }
        int idleRounds = 0;
        while (true) {
            long current = used.get();
            if (current + size <= memoryLimit) {
                if (used.compareAndSet(current, current + size)) {
                    return true;
                }
                continue;
            }
            if (evictOne(own, keep, ANY_LANE)) {
                idleRounds = 0;
            } else if (++idleRounds > segments.length * 2) {
                return false;
            }
        }
    }

    private boolean reserveWithoutEvicting(Item fresh) {
        return reserveWithoutEvicting(fresh.namespace, fresh.accountedSize());
    }

    private boolean reserveWithoutEvicting(Namespace ns, long size) {
        if (ns.hasQuota()) {
            if (!ns.tryReserve(size)) {
                return false;
            }
        } else {
            ns.reserve(size);
        }
        while (true) {
            long current = used.get();
            if (current + size > memoryLimit) {
                ns.release(size);
                return false;
            }
            if (used.compareAndSet(current, current + size)) {
                return true;
            }
        }
    }

    /** Evicts one item of the next segment in turn: the tail of {@code lane}, or with {@link #ANY_LANE} the oldest. */
    private boolean evictOne(Segment own, Item keep, int lane) {
        Segment s = segments[(evictionCursor++) & (segments.length - 1)];
        if (s == own) {
            return evictFrom(s, keep, lane);
        }
        if (!s.tryLock()) {
            return false;
        }
        try {
            return evictFrom(s, null, lane);
        } finally {
            s.unlock();
        }
    }

    private boolean evictFrom(Segment s, Item keep, int lane) {
        Item victim = lane == ANY_LANE ? s.oldest(keep) : s.tail(lane);
        if (victim != null && victim == keep) {
            victim = victim.lruPrev;
        }
        if (victim == null) {
            return false;
        }
        evict(s, victim);
        return true;
    }

    private boolean evictOneFromAnySegment() {
        for (int i = 0; i < segments.length; i++) {
            Segment s = segments[(evictionCursor++) & (segments.length - 1)];
            s.lock();
            try {
                Item victim = s.oldest(null);
                if (victim != null) {
                    evict(s, victim);
                    return true;
                }
            } finally {
                s.unlock();
            }
        }
        return false;
    }

    private void evict(Segment s, Item victim) {
        int now = time.now();
        if (isExpired(victim, now) || isFlushed(victim, now)) {
            reclaim(s, victim);
            return;
        }
        counters.evictions.increment();
        victim.namespace.evicted();
        if ((victim.bits & Item.FETCHED) == 0) {
            counters.evictedUnfetched.increment();
        }
        remove(s, victim);
    }

    private int ttlOf(Item it, int now) {
        return it.expiresAt == 0 ? -1 : Math.max(0, it.expiresAt - now);
    }

    private Segment segmentFor(int hash) {
        return segments[hash >>> (32 - SEGMENT_BITS)];
    }

    /** Hash of the key bytes, well mixed so both the top bits (segment) and low bits (bucket) vary. */
    static int hash(byte[] key) {
        return hashOf(key, key.length);
    }

    /** {@link #hash} of {@code key[0, length)}: an item's key in its own array. */
    static int hashOf(byte[] key, int length) {
        int h = 0x9747b28c;
        for (int i = 0; i < length; i++) {
            h = (h ^ key[i]) * 0x01000193;
        }
        h ^= h >>> 16;
        h *= 0x85ebca6b;
        h ^= h >>> 13;
        h *= 0xc2b2ae35;
        h ^= h >>> 16;
        return h;
    }
}
