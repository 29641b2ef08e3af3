package io.memcluster.client.statement;

/**
 * One thing the user asked for, parsed and checked. Keys are as typed, without the namespace
 * prefix that {@code USE} adds; values are bytes. A TTL is in seconds with memcached's rules
 * (0: never expires; above 30 days: a unix time).
 */
public sealed interface Statement {

    /** How the statement is named in JSON output and errors: {@code "put"}, {@code "show keys"}. */
    default String name() {
        return Syntax.of(this).display().toLowerCase(java.util.Locale.ROOT);
    }

    /** The three ways to write a value, differing in what must be there already. */
    enum WriteMode {
        /** PUT: only if absent (memcached add). */
        ADD,
        /** UPDATE: only if present (memcached replace). */
        REPLACE,
        /** SET: either way. */
        SET
    }

    record Write(WriteMode mode, byte[] key, byte[] value, long ttl) implements Statement {
    }

    record Get(byte[] key) implements Statement {
    }

    record Has(byte[] key) implements Statement {
    }

    record Delete(byte[] key) implements Statement {
    }

    /** INCR or DECR; {@code delta} is unsigned 64-bit. */
    record Arithmetic(boolean increment, byte[] key, long delta) implements Statement {
    }

    record Touch(byte[] key, long ttl) implements Statement {
    }

    record Count() implements Statement {
    }

    /** SHOW KEYS or SHOW DATA with an optional glob pattern ({@code *}, {@code ?}); null for all. */
    record Show(boolean withData, String pattern) implements Statement {
    }

    record ShowNamespaces() implements Statement {
    }

    record Use(String namespace) implements Statement {
    }

    /** FLUSH NAMESPACE; null means the current namespace. */
    record FlushNamespace(String namespace) implements Statement {
    }

    /** SNAPSHOT: the server (every node, through a coordinator) writes its snapshot files now; null: every namespace. */
    record Snapshot(String namespace) implements Statement {
    }

    /** STATS with an optional group ({@code settings}, {@code items}, {@code namespaces}, ...). */
    record Stats(String group) implements Statement {
    }

    /**
     * USERS, USER ADD/REMOVE/PASSWD: user administration through the server.
     *
     * @param action      {@code list}, {@code add}, {@code remove} or {@code passwd}
     * @param username    null for {@code list}
     * @param permissions for {@code add}: as users.json writes them ({@code cart:read}); else empty
     */
    record Users(String action, String username, java.util.List<String> permissions) implements Statement {
        public Users {
            permissions = java.util.List.copyOf(permissions);
        }
    }

    /** HELP with an optional command to explain; null lists them all. */
    record Help(String topic) implements Statement {
    }

    record Quit() implements Statement {
    }
}
