package io.memcluster.protocol;

import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * One element of what a memcached server sends back, as {@link ReplyDecoder} decodes it. Most
 * requests get exactly one element; the listings ({@code get}/{@code gets}/{@code gat}:
 * {@link Value}s, {@code stats}: {@link Stat}s, {@code lru_crawler metadump}:
 * {@link KeyMetadata}, {@code memcluster users list}: {@link UserEntry}) get one element per entry and then {@link End}, so that a listing of a
 * million keys can be consumed as it arrives. An {@link Error} may end a listing early.
 *
 * <p>Keys and values stay bytes, as in {@link Command}. Records holding arrays compare them by
 * identity, as records do.
 */
public sealed interface Reply {

    /** Whether this element ends a listing (or is a reply on its own). */
    default boolean endsListing() {
        return !(this instanceof Value || this instanceof Stat || this instanceof KeyMetadata
                || this instanceof UserEntry || this instanceof DigestMax || this instanceof DigestSegment
                || this instanceof DigestKey);
    }

    /** {@code STORED}, {@code NOT_FOUND}, {@code DELETED}, ... */
    record Status(ReplyStatus status) implements Reply {
    }

    /** The new value after {@code incr}/{@code decr}: unsigned 64-bit. */
    record Number(long value) implements Reply {
        @Override
        public String toString() {
            return "Number[" + Long.toUnsignedString(value) + "]";
        }
    }

    /**
     * {@code VALUE <key> <flags> <bytes> [<cas>]} and its data block: one item of a retrieval.
     *
     * @param flags   the client flags, unsigned 32-bit
     * @param withCas whether the server sent a CAS unique ({@code gets}, {@code gats})
     */
    record Value(byte[] key, int flags, byte[] data, boolean withCas, long cas) implements Reply {
    }

    /** {@code STAT <name> <value>}; the value is the rest of the line and may hold spaces. */
    record Stat(String name, String value) implements Reply {
    }

    /**
     * One line of {@code lru_crawler metadump}: a live key (URL-decoded back to bytes) and its
     * metadata. Fields a server does not send are 0 (false for {@code fetched}).
     *
     * @param expires    unix time of expiry, -1 for never
     * @param lastAccess unix time of the last access
     * @param size       bytes the server accounts for the item (not the value length)
     */
    record KeyMetadata(byte[] key, long expires, long lastAccess, long cas, boolean fetched, long size, int flags)
            implements Reply {
    }

    /**
     * {@code USER <name> <perm,perm,...>}: one user of memcluster's {@code memcluster users list},
     * with its permissions as users.json writes them ({@code -} on the line for none).
     */
    record UserEntry(String username, List<String> permissions) implements Reply {
        public UserEntry {
            permissions = List.copyOf(permissions);
        }
    }

    /** {@code DM <version>}: the first line of {@code memcluster digest}, the highest version a node holds. */
    record DigestMax(long version) implements Reply {
    }

    /**
     * {@code DG <namespace> <segment> <count> <highest> <xor>}: one digest segment of
     * {@code memcluster digest} (items and tombstones, highest version, XOR of their hashes).
     */
    record DigestSegment(String namespace, int segment, long count, long highest, long xor) implements Reply {
    }

    /**
     * {@code DK <key> <version> <ttl> [b]} (an item) or {@code DT <key> <version> [b]} (a
     * tombstone): one key of {@code memcluster digest_keys}, the key decoded when it came in base64.
     *
     * @param ttl       seconds left, -1 for never; 0 for a tombstone
     * @param binaryKey whether the key came in base64 (and must go on in base64)
     */
    record DigestKey(byte[] key, long version, long ttl, boolean tombstone, boolean binaryKey) implements Reply {
    }

    /** {@code END}: the end of a listing (an empty one when nothing came before it). */
    record End() implements Reply {
        public static final End INSTANCE = new End();
    }

    /** {@code VERSION <version>}. */
    record Version(String version) implements Reply {
    }

    /**
     * {@code ERROR}, {@code CLIENT_ERROR <message>} or {@code SERVER_ERROR <message>}; the
     * message is empty when the server sent none.
     */
    record Error(ErrorKind kind, String message) implements Reply {
        /** The line as the server sent it. */
        public String line() {
            return message.isEmpty() ? kind.name() : kind.name() + " " + message;
        }
    }

    /**
     * A meta command's reply: its code, the flags it returned ({@code c123}, {@code t-1},
     * {@code k<key>}, {@code O<opaque>}, ... as sent) and, for {@link MetaStatus#VA}, the value.
     */
    record Meta(MetaStatus status, List<String> flags, byte[] data) implements Reply {
        public Meta {
            flags = List.copyOf(flags);
        }

        /** The token of a returned flag without its letter ({@code "123"} for {@code c123}). */
        public Optional<String> flag(char letter) {
            for (String token : flags) {
                if (token.charAt(0) == letter) {
                    return Optional.of(token.substring(1));
                }
            }
            return Optional.empty();
        }
    }

    /** {@code ME <key> <name>=<value> ...}: the answer to the meta debug command. */
    record MetaDebug(String key, Map<String, String> fields) implements Reply {
        public MetaDebug {
            fields = Map.copyOf(fields);
        }
    }

    /**
     * A line this model has no record for (memcached's {@code BUSY ...} from the crawler, an
     * extension's reply), kept whole so that a client can still show it.
     */
    record Other(String line) implements Reply {
    }
}
