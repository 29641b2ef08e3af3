package io.memcluster.client.statement;

import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * Every statement's words, usage line and one-line description: the one table that parsing
 * errors, HELP and tab completion read.
 */
public enum Syntax {
    PUT("PUT", "PUT key value [TTL seconds]", "store a value only if the key is absent (memcached add)"),
    UPDATE("UPDATE", "UPDATE key value [TTL seconds]", "replace a value only if the key is present (memcached replace)"),
    SET("SET", "SET key value [TTL seconds]", "store a value whether or not the key is present"),
    GET("GET", "GET key", "show the value of a key"),
    HAS("HAS", "HAS key", "whether a key is present (yes/no; exit code 1 for no)"),
    DELETE("DELETE", "DELETE key", "remove a key"),
    INCR("INCR", "INCR key [delta]", "add delta (default 1) to a decimal value; shows the new value"),
    DECR("DECR", "DECR key [delta]", "subtract delta (default 1), stopping at 0; shows the new value"),
    TOUCH("TOUCH", "TOUCH key seconds", "give a key a new time to live (0: never expires)"),
    COUNT("COUNT", "COUNT", "number of items in the current namespace"),
    SHOW_KEYS("SHOW KEYS", "SHOW KEYS [pattern]", "list the keys of the current namespace; pattern with * and ?"),
    SHOW_DATA("SHOW DATA", "SHOW DATA [pattern]", "list the keys of the current namespace with their values"),
    SHOW_NAMESPACES("SHOW NAMESPACES", "SHOW NAMESPACES", "list the namespaces holding items, with counts and sizes"),
    USE("USE", "USE namespace", "work in a namespace: keys get the prefix 'namespace.' (USE default: no prefix)"),
    FLUSH_NAMESPACE("FLUSH NAMESPACE", "FLUSH NAMESPACE [namespace]", "delete every key of a namespace (default: the current one), on every node"),
    SNAPSHOT("SNAPSHOT", "SNAPSHOT [namespace]", "write the snapshot files now, on every node; one line per node"
            + " (ADMIN)"),
    STATS("STATS", "STATS [group]", "server statistics as a table; groups: settings, items, slabs, sizes, conns, namespaces,"
            + " snapshots"),
    USERS("USERS", "USERS", "list the server's users and their permissions (ADMIN)"),
    USER_ADD("USER ADD", "USER ADD username permission...", "add a user; permissions: ADMIN, ns:read, ns:write,"
            + " *:read, *:write; the password is asked for (ADMIN)"),
    USER_REMOVE("USER REMOVE", "USER REMOVE username", "remove a user; open connections of it are refused (ADMIN)"),
    USER_PASSWD("USER PASSWD", "USER PASSWD username", "set a user's password, which is asked for (ADMIN)"),
    HELP("HELP", "HELP [command]", "list the commands, or explain one"),
    QUIT("QUIT", "QUIT (or EXIT, or Ctrl-D)", "leave the shell");

    private final String display;
    private final String usage;
    private final String description;

    Syntax(String display, String usage, String description) {
        this.display = display;
        this.usage = usage;
        this.description = description;
    }

    /** The command's words in capitals: {@code "SHOW KEYS"}. */
    public String display() {
        return display;
    }

    public String usage() {
        return usage;
    }

    public String description() {
        return description;
    }

    public List<String> words() {
        return Arrays.asList(display.split(" "));
    }

    /** The syntax named by the words a user wrote after HELP ({@code "show keys"}, {@code "put"}). */
    public static Optional<Syntax> named(String words) {
        String wanted = words.trim().replaceAll("\\s+", " ").toUpperCase(Locale.ROOT);
        if (wanted.equals("EXIT")) {
            return Optional.of(QUIT);
        }
        return Arrays.stream(values()).filter(s -> s.display.equals(wanted)).findFirst()
                .or(() -> Arrays.stream(values()).filter(s -> s.words().get(0).equals(wanted)).findFirst());
    }

    static Syntax of(Statement statement) {
        if (statement instanceof Statement.Write w) {
            return switch (w.mode()) {
                case ADD -> PUT;
                case REPLACE -> UPDATE;
                case SET -> SET;
            };
        } else if (statement instanceof Statement.Get) {
            return GET;
        } else if (statement instanceof Statement.Has) {
            return HAS;
        } else if (statement instanceof Statement.Delete) {
            return DELETE;
        } else if (statement instanceof Statement.Arithmetic a) {
            return a.increment() ? INCR : DECR;
        } else if (statement instanceof Statement.Touch) {
            return TOUCH;
        } else if (statement instanceof Statement.Count) {
            return COUNT;
        } else if (statement instanceof Statement.Show s) {
            return s.withData() ? SHOW_DATA : SHOW_KEYS;
        } else if (statement instanceof Statement.ShowNamespaces) {
            return SHOW_NAMESPACES;
        } else if (statement instanceof Statement.Use) {
            return USE;
        } else if (statement instanceof Statement.FlushNamespace) {
            return FLUSH_NAMESPACE;
        } else if (statement instanceof Statement.Snapshot) {
            return SNAPSHOT;
        } else if (statement instanceof Statement.Stats) {
            return STATS;
        } else if (statement instanceof Statement.Users u) {
            return switch (u.action()) {
                case "add" -> USER_ADD;
                case "remove" -> USER_REMOVE;
                case "passwd" -> USER_PASSWD;
                default -> USERS;
            };
        } else if (statement instanceof Statement.Help) {
            return HELP;
        }
        return QUIT;
    }
}
