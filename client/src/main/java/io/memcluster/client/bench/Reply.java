package io.memcluster.client.bench;

/** What a reply to a bench request was, as far as the counts care. */
enum Reply {
    /** {@code VALUE ...} data {@code END}: a get that found its key. */
    HIT,
    /** {@code END} alone: a get that did not. */
    MISS,
    /** {@code STORED}: a set that took. */
    STORED,
    /** Anything else a server may answer in one line: NOT_STORED, ERROR, CLIENT_ERROR, SERVER_ERROR... */
    ERROR
}
