package io.memcluster.protocol;

/** The storage commands, named as on the wire. */
public enum StorageVerb {
    SET, ADD, REPLACE, APPEND, PREPEND, CAS
}
