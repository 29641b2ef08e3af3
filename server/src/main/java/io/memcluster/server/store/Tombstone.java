package io.memcluster.server.store;

/**
 * What a versioned delete leaves of a key: its version and when, so that a write older than the
 * delete (a replica's late copy, a replayed hint) cannot bring the key back. Not an item: no
 * value, never listed by get or metadump, not counted against the memory limit (see
 * {@link Store#tombstoneBytes()}). Kept in its store segment's {@link TombstoneTable}, oldest
 * first, until the retention passes.
 */
final class Tombstone {

    /** What a tombstone costs beyond its key bytes: this object and its array's header. */
    static final int OVERHEAD = 72;

    final byte[] key;
    final int hash;
    final short digestSegment;
    final Namespace namespace;
    final boolean binaryKey;
    long version;
    /** Relative seconds of the delete. */
    int createdAt;

    Tombstone hashNext;
    Tombstone older;
    Tombstone newer;

    Tombstone(byte[] key, int hash, Namespace namespace, boolean binaryKey, long version, int createdAt) {
        this.key = key;
        this.hash = hash;
        this.digestSegment = (short) VersionDigest.segmentOf(key, key.length);
        this.namespace = namespace;
        this.binaryKey = binaryKey;
        this.version = version;
        this.createdAt = createdAt;
    }

    long accountedSize() {
        return key.length + (long) OVERHEAD;
    }

    @Override
    public String toString() {
        return "Tombstone[keyLength=" + key.length + ", version=" + version + "]"; // keys never go to logs
    }
}
