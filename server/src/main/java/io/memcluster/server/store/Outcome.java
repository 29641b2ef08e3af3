package io.memcluster.server.store;

/** What a store operation did, as memcached reports it. */
public enum Outcome {
    STORED,
    NOT_STORED,
    EXISTS,
    NOT_FOUND,
    DELETED,
    TOUCHED,
    /** incr/decr on a value that is not a decimal unsigned 64-bit number. */
    NON_NUMERIC,
    /** The item alone is larger than the memory limit allows. */
    NO_MEMORY
}
