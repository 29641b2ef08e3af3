package io.memcluster.protocol;

import java.nio.charset.StandardCharsets;

/** Command names and keywords as bytes, compared against request tokens without decoding them. */
final class Words {
    static final byte[] GET = ascii("get");
    static final byte[] GETS = ascii("gets");
    static final byte[] GAT = ascii("gat");
    static final byte[] GATS = ascii("gats");
    static final byte[] BGET = ascii("bget");
    static final byte[] SET = ascii("set");
    static final byte[] ADD = ascii("add");
    static final byte[] REPLACE = ascii("replace");
    static final byte[] APPEND = ascii("append");
    static final byte[] PREPEND = ascii("prepend");
    static final byte[] CAS = ascii("cas");
    static final byte[] DELETE = ascii("delete");
    static final byte[] INCR = ascii("incr");
    static final byte[] DECR = ascii("decr");
    static final byte[] TOUCH = ascii("touch");
    static final byte[] STATS = ascii("stats");
    static final byte[] SHUTDOWN = ascii("shutdown");
    static final byte[] GRACEFUL = ascii("graceful");
    static final byte[] CACHE_MEMLIMIT = ascii("cache_memlimit");
    static final byte[] FLUSH_ALL = ascii("flush_all");
    static final byte[] VERSION = ascii("version");
    static final byte[] QUIT = ascii("quit");
    static final byte[] VERBOSITY = ascii("verbosity");
    static final byte[] LRU_CRAWLER = ascii("lru_crawler");
    static final byte[] MEMCLUSTER = ascii("memcluster");
    static final byte[] USERS = ascii("users");
    static final byte[] NOREPLY = ascii("noreply");
    static final byte[] ZERO = ascii("0");
    static final byte[] HTTP = ascii("HTTP/");

    private Words() {
    }

    static byte[] ascii(String s) {
        return s.getBytes(StandardCharsets.US_ASCII);
    }
}
