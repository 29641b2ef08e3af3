package io.memcluster.server.store;

/** The storage commands' conditions on what is already there. */
public enum StorageMode {
    SET, ADD, REPLACE, APPEND, PREPEND, CAS
}
