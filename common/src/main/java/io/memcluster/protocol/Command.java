package io.memcluster.protocol;

/**
 * One decoded request line (and its data block, if any). Keys and values stay bytes: a key is
 * whatever the client sent (after base64 decoding for meta commands with {@code b}), a value is
 * never turned into a String.
 */
public sealed interface Command {

    /** A command that names exactly one key: what permissions check and what a router places. */
    interface Keyed {
        byte[] key();
    }

    /**
     * Whether memcached sends nothing back when this command fails or is refused: a classic
     * command with {@code noreply}. Meta commands always answer an error, even with {@code q}.
     */
    default boolean silentOnError() {
        return false;
    }

    /** set, add, replace, append, prepend and cas. */
    record Storage(StorageVerb verb, byte[] key, int flags, long exptime, byte[] data, long cas, boolean noreply)
            implements Command, Keyed {
        @Override
        public boolean silentOnError() {
            return noreply;
        }
    }

    /** get, gets, gat and gats; {@code exptime} only for the touching forms. */
    record Retrieval(boolean withCas, boolean touch, long exptime, byte[][] keys) implements Command {
    }

    record Delete(byte[] key, boolean noreply) implements Command, Keyed {
        @Override
        public boolean silentOnError() {
            return noreply;
        }
    }

    /** incr and decr; {@code delta} is unsigned. */
    record Arithmetic(boolean increment, byte[] key, long delta, boolean noreply) implements Command, Keyed {
        @Override
        public boolean silentOnError() {
            return noreply;
        }
    }

    record Touch(byte[] key, long exptime, boolean noreply) implements Command, Keyed {
        @Override
        public boolean silentOnError() {
            return noreply;
        }
    }

    /** flush_all; a delay of 0 means now. */
    record FlushAll(long delay, boolean noreply) implements Command {
        @Override
        public boolean silentOnError() {
            return noreply;
        }
    }

    /** stats with its arguments ({@code "settings"}, {@code "reset"}, ...); none for the general group. */
    record Stats(String[] args) implements Command {
    }

    record Version() implements Command {
    }

    record Quit() implements Command {
    }

    record Verbosity(int level, boolean noreply) implements Command {
        @Override
        public boolean silentOnError() {
            return noreply;
        }
    }

    record CacheMemlimit(long megabytes, boolean noreply) implements Command {
        @Override
        public boolean silentOnError() {
            return noreply;
        }
    }

    /** shutdown [graceful]; {@code validMode} is false for any other argument. */
    record Shutdown(boolean graceful, boolean validMode) implements Command {
    }

    /** lru_crawler and its arguments ({@code metadump all}, ...). */
    record LruCrawler(String[] args) implements Command {
    }

    record MetaGet(byte[] key, MetaFlags flags) implements Command, Keyed {
    }

    record MetaSet(byte[] key, byte[] data, MetaFlags flags) implements Command, Keyed {
    }

    record MetaDelete(byte[] key, MetaFlags flags) implements Command, Keyed {
    }

    record MetaArithmetic(byte[] key, MetaFlags flags) implements Command, Keyed {
    }

    record MetaDebug(byte[] key, boolean base64Key) implements Command, Keyed {
    }

    record MetaNoop() implements Command {
    }

    /**
     * {@code memcluster users ...}: memcluster's user administration, an extension for ADMIN users
     * (see {@link UserAction} for the forms). {@code username} is null for {@code list};
     * {@code permissions} is the comma-separated list as sent ({@code -} for none), checked by the
     * server, and only for {@code add}; {@code password} is the data block of {@code add} and
     * {@code passwd} (null otherwise), to be wiped once used.
     */
    record UserAdmin(UserAction action, String username, String permissions, byte[] password) implements Command {
        /** Overwrites the password once it is sent, or when the command will not be carried out. */
        public void wipePassword() {
            if (password != null) {
                java.util.Arrays.fill(password, (byte) 0);
            }
        }
    }

    /**
     * {@code memcluster snapshot [namespace]}: an ADMIN extension that writes the node's snapshot
     * files now (one namespace, or all when {@code namespace} is null). A node answers with a
     * stats-like listing, {@code STAT <namespace>:items N} and so on per namespace, then END; the
     * coordinator asks every node and prefixes each line with the node's name.
     */
    record Snapshot(String namespace) implements Command {
    }

    /**
     * {@code memcluster digest [namespace]}: an ADMIN extension that lists a node's version digest,
     * {@code DM <highest version>} first, then per namespace and non-empty digest segment (a slice
     * of the ketama ring, see {@code KetamaPoint}) {@code DG <namespace> <segment> <count>
     * <highest version> <xor as 16 hex digits>}, then END: two replicas compare these to find
     * where they differ. {@code namespace} null for every namespace.
     */
    record Digest(String namespace) implements Command {
    }

    /**
     * {@code memcluster digest_keys <namespace> <segments>}: an ADMIN extension that lists the keys
     * of some digest segments ({@link DigestSegments} form: {@code all} or {@code 0,5,10-20}):
     * {@code DK <key> <version> <ttl or -1> [b]} per live item, {@code DT <key> <version> [b]} per
     * tombstone, then END. {@code segments} null for all.
     */
    record DigestKeys(String namespace, java.util.BitSet segments) implements Command {
    }

    /**
     * {@code memcluster flush_namespace <namespace> [noreply]}: removes every item of one
     * namespace, for a user who may write to it; {@code OK}. Cluster-wide through a coordinator.
     */
    record FlushNamespace(String namespace, boolean noreply) implements Command {
        @Override
        public boolean silentOnError() {
            return noreply;
        }
    }

    /**
     * A line the decoder refused, with memcached's reply for it ({@code ERROR},
     * {@code CLIENT_ERROR ...}); {@code noreply} suppresses it as memcached does.
     */
    record Invalid(String reply, boolean noreply) implements Command {
        public static final Invalid ERROR = new Invalid("ERROR", false);
        public static final Invalid BAD_FORMAT = new Invalid("CLIENT_ERROR bad command line format", false);

        @Override
        public boolean silentOnError() {
            return noreply;
        }
    }

    /**
     * A storage command whose value exceeds the item size limit; its data block was swallowed.
     * memcached also drops the key's old value for a plain set, so it is kept here.
     */
    record TooLarge(StorageVerb verb, byte[] key, boolean noreply, boolean meta) implements Command, Keyed {
        @Override
        public boolean silentOnError() {
            return noreply && !meta;
        }
    }

    /** The connection must be closed without a reply (a runaway line, an HTTP request). */
    record Close() implements Command {
        public static final Close INSTANCE = new Close();
    }
}
