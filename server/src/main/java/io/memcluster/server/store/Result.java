package io.memcluster.server.store;

/**
 * Per-connection scratch space for what an operation found or made, so the hot path allocates no
 * result objects. Owned by one connection and reused for every command.
 */
public final class Result {

    /** The item stored, found or modified, or null. */
    public Item item;
    /** incr/decr: the new number. */
    public long number;
    /** mg: whether the item had been fetched before this command. */
    public boolean hitBefore;
    /** mg: seconds since the last access, before this command. */
    public int idleSeconds;
    /** mg: the client won the right to recache (W). */
    public boolean won;
    /** mg: the item is stale (X). */
    public boolean stale;
    /** mg: another client already won (Z). */
    public boolean tokenAlreadySent;
    /** mg with T: the TTL was updated. */
    public boolean touched;
    /** Remaining TTL in seconds after the command, -1 for none. */
    public int ttl;

    void reset() {
        item = null;
        number = 0;
        hitBefore = false;
        idleSeconds = 0;
        won = false;
        stale = false;
        tokenAlreadySent = false;
        touched = false;
        ttl = -1;
    }
}
