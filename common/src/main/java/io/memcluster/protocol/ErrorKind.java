package io.memcluster.protocol;

/** The three error replies of the memcached text protocol. */
public enum ErrorKind {
    /** An unknown command or one the server refuses without a reason. */
    ERROR,
    /** The request was wrong: bad format, too long, permission denied, unauthenticated. */
    CLIENT_ERROR,
    /** The server could not do it: out of memory, object too large. */
    SERVER_ERROR
}
