package io.memcluster.auth;

import io.memcluster.protocol.Command;
import io.memcluster.protocol.MetaFlags;

/**
 * What each command needs: {@link Rule#ADMIN} for commands that act on the whole server, a
 * namespace {@link Access} for each key of the commands that name keys, or nothing. One table
 * for node and coordinator, so that a command is judged the same wherever it arrives.
 *
 * <table>
 * <caption>The table</caption>
 * <tr><th>command</th><th>rule</th></tr>
 * <tr><td>get, gets, gat, gats, mg, me; the storage commands, delete, touch, incr, decr, ms, md,
 * ma; {@code stats route <key>}</td><td>{@link Rule#KEYS}: each key's namespace, read or write
 * (see {@link #access})</td></tr>
 * <tr><td>{@code lru_crawler metadump ...}</td><td>{@link Rule#SOME_NAMESPACE}: it lists key
 * names, each only if its namespace may be read</td></tr>
 * <tr><td>{@code stats nodes}, {@code stats hints}</td><td>{@link Rule#EVERY_NAMESPACE}</td></tr>
 * <tr><td>{@code memcluster flush_namespace <ns>}</td><td>{@link Rule#NAMESPACE_WRITE}: write to
 * {@code ns}</td></tr>
 * <tr><td>flush_all, shutdown, cache_memlimit, verbosity, {@code stats reset}, {@code stats conns},
 * the other {@code lru_crawler} commands, {@code memcluster users ...},
 * {@code memcluster snapshot}</td><td>{@link Rule#ADMIN}</td></tr>
 * <tr><td>version, quit, mn, the other stats groups</td><td>{@link Rule#ANY}</td></tr>
 * </table>
 */
public final class CommandRules {

    /** The kind of check a command needs. */
    public enum Rule {
        /** Anyone logged in: version, quit, mn, general stats. */
        ANY,
        /** Each key needs {@link #access}. */
        KEYS,
        /**
         * Reading some namespace (any grant, or ADMIN): a metadump, which lists only the keys of
         * the namespaces that may be read. A user without a grant would learn nothing from it, but
         * could keep the server's one crawler busy.
         */
        SOME_NAMESPACE,
        /**
         * Writing to the namespace the command names ({@code memcluster flush_namespace}); see
         * {@link #namespace}.
         */
        NAMESPACE_WRITE,
        /** Reading every namespace ({@code *:read}, {@code *:write} or ADMIN): the coordinator's node list. */
        EVERY_NAMESPACE,
        /**
         * Only an ADMIN: flush_all, shutdown, cache_memlimit, verbosity, stats reset and conns,
         * user administration.
         */
        ADMIN
    }

    private CommandRules() {
    }

    public static Rule rule(Command command) {
        if (command instanceof Command.Retrieval || command instanceof Command.Keyed) {
            return Rule.KEYS;
        }
        if (command instanceof Command.FlushAll || command instanceof Command.Shutdown
                || command instanceof Command.CacheMemlimit || command instanceof Command.Verbosity
                || command instanceof Command.UserAdmin || command instanceof Command.Snapshot
                || command instanceof Command.Digest || command instanceof Command.DigestKeys) {
            return Rule.ADMIN;
        }
        if (command instanceof Command.FlushNamespace) {
            return Rule.NAMESPACE_WRITE;
        }
        if (command instanceof Command.Stats stats) {
            return statsRule(stats.args());
        }
        if (command instanceof Command.LruCrawler crawler) {
            // metadump lists keys, each filtered by read access; the crawler controls are the server's
            return crawler.args().length > 0 && crawler.args()[0].equals("metadump") ? Rule.SOME_NAMESPACE
                    : Rule.ADMIN;
        }
        return Rule.ANY;
    }

    /**
     * What each key of a {@link Rule#KEYS} command needs. Write includes read (see
     * {@link Access}), so the commands that read and write, gat and mg with a new TTL, autovivify
     * or recache, ask for write. A recache ({@code R}) hands out the win token that writers wait
     * on before refilling an item: a reader who took it would leave the item stale for them.
     */
    public static Access access(Command command) {
        if (command instanceof Command.Retrieval c) {
            return c.touch() ? Access.WRITE : Access.READ;
        }
        if (command instanceof Command.MetaGet c) {
            MetaFlags f = c.flags();
            boolean writes = f.ttl() != MetaFlags.ABSENT || f.vivifyTtl() != MetaFlags.ABSENT
                    || f.recacheTtl() != MetaFlags.ABSENT;
            return writes ? Access.WRITE : Access.READ;
        }
        if (command instanceof Command.MetaDebug || command instanceof Command.Stats) {
            return Access.READ;
        }
        return Access.WRITE;
    }

    /**
     * Counters and settings for anyone; what resets them or shows other clients for an ADMIN; the
     * coordinator's node list and its hints per node for who may read everything, and a key's replicas ({@code stats
     * route <key>}) for who may read the key.
     */
    private static Rule statsRule(String[] args) {
        if (args.length == 0) {
            return Rule.ANY;
        }
        return switch (args[0]) {
            case "reset", "conns" -> Rule.ADMIN;
            case "nodes", "catchup", "hints" -> Rule.EVERY_NAMESPACE;
            case "route" -> args.length == 2 ? Rule.KEYS : Rule.ANY;
            default -> Rule.ANY;
        };
    }

    /** The namespace a {@link Rule#NAMESPACE_WRITE} command names. */
    public static String namespace(Command command) {
        return ((Command.FlushNamespace) command).namespace();
    }

    /** The key a {@link Rule#KEYS} command names that is not {@link Command.Keyed}: {@code stats route <key>}. */
    public static byte[] statsKey(Command.Stats stats) {
        return stats.args()[1].getBytes(java.nio.charset.StandardCharsets.ISO_8859_1);
    }
}
