package io.memcluster.coordinator.route;

import io.memcluster.protocol.Command;
import io.memcluster.protocol.MetaFlags;
import io.memcluster.protocol.MetaStatus;
import io.memcluster.protocol.Reply;

/**
 * The meta commands the coordinator sends its nodes. Keys go as they came; a key a client gave
 * in base64 ({@code b}) goes in base64 again, since its bytes may be anything.
 *
 * <p>Every write that replaces or removes an item whatever was there (a set, a copy of what a
 * read-modify-write made, a delete) is versioned last-writer-wins: {@code ms <key> ... E<version> V}
 * and {@code md <key> E<version> V}, which a node applies only when the version is above what it
 * holds for the key (its item's CAS or its tombstone's version), so replicas converge whatever
 * order writes from several coordinators reach them in, and a delete leaves a tombstone. The
 * decisions of add, replace, cas, append, prepend and incr on the first replica keep memcached's
 * semantics and carry only {@code E}.
 */
final class NodeRequests {

    /** The mode ms writes in when no M is given: set. */
    static final char SET = 0;

    /** The flag that makes a node apply an ms or md only if its E is above the key's version. */
    static final char VERSIONED = 'V';

    /** Every get and gets asks for these: built once, since flags are immutable. */
    private static final MetaFlags GET = MetaFlags.builder().flag('v').flag('f').build();
    private static final MetaFlags GETS = MetaFlags.builder().flag('v').flag('f').flag('c').build();

    private NodeRequests() {
    }

    /** A classic get's read: value and flags, the CAS for gets/gats, a new TTL for gat/gats. */
    static Command.MetaGet read(byte[] key, boolean withCas, boolean touch, long exptime) {
        if (!touch) {
            return new Command.MetaGet(key, withCas ? GETS : GET);
        }
        MetaFlags.Builder flags = MetaFlags.builder().flag('v').flag('f');
        if (withCas) {
            flags.flag('c');
        }
        return new Command.MetaGet(key, flags.ttl(exptime).build());
    }

    /** A new TTL only: touch, and gat's update of the replicas it does not read. */
    static Command.MetaGet touch(byte[] key, long exptime, boolean base64) {
        return new Command.MetaGet(key, base64(MetaFlags.builder(), base64).ttl(exptime).build());
    }

    /** The whole item as it is now, to copy it to the other replicas after a read-modify-write. */
    static Command.MetaGet fetch(byte[] key, boolean base64) {
        return new Command.MetaGet(key, base64(MetaFlags.builder(), base64).flag('v').flag('f').flag('t').flag('c')
                .build());
    }

    /** A set as every replica takes it: versioned, last writer wins ({@code ms ... E<version> V}). */
    static Command.MetaSet set(byte[] key, int clientFlags, long exptime, byte[] data, long version) {
        MetaFlags flags = MetaFlags.builder().clientFlags(clientFlags).ttl(exptime).newCas(version).flag(VERSIONED)
                .build();
        return new Command.MetaSet(key, data, flags);
    }

    /**
     * A classic add, replace, append or prepend as ms decided on the first replica, with the
     * version the item gets; not versioned, the mode decides.
     */
    static Command.MetaSet store(char mode, byte[] key, int clientFlags, long exptime, byte[] data, long version) {
        return store(mode, key, clientFlags, exptime, data, false, 0, version);
    }

    /** cas as ms: C is sent even for a CAS of 0, which as in memcached matches no item. */
    static Command.MetaSet compareAndSet(byte[] key, int clientFlags, long exptime, byte[] data, long compareCas,
            long version) {
        return store(SET, key, clientFlags, exptime, data, true, compareCas, version);
    }

    private static Command.MetaSet store(char mode, byte[] key, int clientFlags, long exptime, byte[] data,
            boolean compare, long compareCas, long version) {
        MetaFlags.Builder flags = MetaFlags.builder().clientFlags(clientFlags).ttl(exptime);
        if (mode != SET) {
            flags.mode(mode);
        }
        if (compare) {
            flags.compareCas(compareCas);
        }
        return new Command.MetaSet(key, data, flags.newCas(version).build());
    }

    /** The item a fetch returned ({@code VA} with f, t and c), set on another replica as it is. */
    static Command.MetaSet copy(byte[] key, Reply.Meta item, boolean base64) {
        MetaFlags.Builder flags = base64(MetaFlags.builder(), base64)
                .clientFlags((int) Long.parseUnsignedLong(item.flag('f').orElse("0")))
                .ttl(ttlToSet(Long.parseLong(item.flag('t').orElse("-1"))))
                .newCas(cas(item)).flag(VERSIONED);
        return new Command.MetaSet(key, item.data(), flags.build());
    }

    /** The CAS a meta reply returned with {@code c}, or 0. */
    static long cas(Reply.Meta reply) {
        return reply.flag('c').map(Long::parseUnsignedLong).orElse(0L);
    }

    /** A delete as every replica takes it: {@code md <key> E<version> V}, leaving a tombstone. */
    static Command.MetaDelete delete(byte[] key, boolean base64, long version) {
        return new Command.MetaDelete(key, base64(MetaFlags.builder(), base64).newCas(version).flag(VERSIONED)
                .build());
    }

    /** These flags with V added, unless a client gave it already. */
    static MetaFlags.Builder versioned(MetaFlags.Builder flags) {
        return flags.has(VERSIONED) ? flags : flags.flag(VERSIONED);
    }

    /** incr/decr as ma, returning the new number. */
    static Command.MetaArithmetic arithmetic(byte[] key, boolean increment, long delta, long version) {
        return new Command.MetaArithmetic(key, MetaFlags.builder().mode(increment ? 'I' : 'D').delta(delta)
                .flag('v').newCas(version).build());
    }

    /** Whether a meta reply is a hit or a success (HD, VA). */
    static boolean succeeded(Reply reply) {
        return reply instanceof Reply.Meta meta && (meta.status() == MetaStatus.HD || meta.status() == MetaStatus.VA);
    }

    /**
     * A remaining TTL as mg's {@code t} gives it, as ms's {@code T} takes it: -1 (none) is 0, and
     * an item with less than a second left keeps one rather than becoming immortal.
     */
    static long ttlToSet(long remaining) {
        if (remaining < 0) {
            return 0;
        }
        return Math.max(1, remaining);
    }

    private static MetaFlags.Builder base64(MetaFlags.Builder flags, boolean base64) {
        return base64 ? flags.flag('b') : flags;
    }
}
