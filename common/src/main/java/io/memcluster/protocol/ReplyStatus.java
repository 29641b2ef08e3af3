package io.memcluster.protocol;

/** The one-word replies of memcached's classic commands, named as on the wire. */
public enum ReplyStatus {
    /** set, add, replace, append, prepend, cas: written. */
    STORED,
    /** add of a present key, replace/append/prepend of an absent one. */
    NOT_STORED,
    /** cas whose unique no longer matches. */
    EXISTS,
    /** delete, incr, decr, touch, cas of an absent key. */
    NOT_FOUND,
    DELETED,
    TOUCHED,
    /** flush_all, verbosity, cache_memlimit, lru_crawler controls. */
    OK,
    /** stats reset. */
    RESET
}
