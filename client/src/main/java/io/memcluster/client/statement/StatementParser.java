package io.memcluster.client.statement;

import io.memcluster.auth.Namespaces;
import io.memcluster.auth.Permission;
import io.memcluster.auth.Usernames;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Words to a {@link Statement}. Command words are case-insensitive; keys, values, namespaces
 * and patterns are taken as typed. Every refusal names the right form from {@link Syntax}.
 */
public final class StatementParser {

    /** memcached's exptime is a signed 32-bit number of seconds (or a unix time). */
    private static final long MAX_TTL = Integer.MAX_VALUE;

    private StatementParser() {
    }

    /** Splits and parses a typed line; null for a blank line. */
    public static Statement parseLine(String line) {
        List<Word> words = WordSplitter.split(line);
        return words.isEmpty() ? null : parse(words);
    }

    /** @throws UsageException saying what is wrong and what the right form is */
    public static Statement parse(List<Word> words) {
        if (words.isEmpty()) {
            throw new UsageException("no command given (HELP lists them)");
        }
        String verb = words.get(0).text().toUpperCase(Locale.ROOT);
        List<Word> args = words.subList(1, words.size());
        return switch (verb) {
            case "PUT" -> write(Syntax.PUT, Statement.WriteMode.ADD, args);
            case "UPDATE" -> write(Syntax.UPDATE, Statement.WriteMode.REPLACE, args);
            case "SET" -> write(Syntax.SET, Statement.WriteMode.SET, args);
            case "GET" -> new Statement.Get(key(Syntax.GET, args, 1));
            case "HAS" -> new Statement.Has(key(Syntax.HAS, args, 1));
            case "DELETE", "DEL" -> new Statement.Delete(key(Syntax.DELETE, args, 1));
            case "INCR" -> arithmetic(Syntax.INCR, true, args);
            case "DECR" -> arithmetic(Syntax.DECR, false, args);
            case "TOUCH" -> touch(args);
            case "COUNT" -> {
                count(Syntax.COUNT, args, 0, 0);
                yield new Statement.Count();
            }
            case "SHOW" -> show(args);
            case "USE" -> {
                count(Syntax.USE, args, 1, 1);
                yield new Statement.Use(namespace(args.get(0).text()));
            }
            case "FLUSH" -> flush(args);
            case "SNAPSHOT" -> {
                count(Syntax.SNAPSHOT, args, 0, 1);
                yield new Statement.Snapshot(args.isEmpty() ? null : namespace(args.get(0).text()));
            }
            case "STATS" -> {
                count(Syntax.STATS, args, 0, 1);
                yield new Statement.Stats(args.isEmpty() ? null : args.get(0).text().toLowerCase(Locale.ROOT));
            }
            case "USERS" -> {
                count(Syntax.USERS, args, 0, 0);
                yield new Statement.Users("list", null, List.of());
            }
            case "USER" -> user(args);
            case "HELP", "?" -> new Statement.Help(args.isEmpty() ? null : join(args));
            case "QUIT", "EXIT" -> {
                count(Syntax.QUIT, args, 0, 0);
                yield new Statement.Quit();
            }
            default -> throw new UsageException("unknown command '" + words.get(0).text() + "' (HELP lists the commands)");
        };
    }

    /** A namespace name as USE, FLUSH NAMESPACE and SNAPSHOT take it. */
    public static String namespace(String name) {
        if (!name.equals(Namespaces.DEFAULT) && !Namespaces.isValidName(name)) {
            throw new UsageException("invalid namespace '" + name + "': a namespace is 1-"
                    + Namespaces.MAX_LENGTH + " ASCII letters or digits");
        }
        return name;
    }

    private static Statement write(Syntax syntax, Statement.WriteMode mode, List<Word> args) {
        if (args.size() < 2) {
            throw usage(syntax, args.isEmpty() ? "a key and a value are missing" : "the value is missing");
        }
        long ttl = 0;
        int valueWords = args.size() - 1;
        if (args.size() >= 4 && args.get(args.size() - 2).is("TTL")) {
            ttl = ttl(syntax, args.get(args.size() - 1));
            valueWords -= 2;
        }
        if (valueWords != 1) {
            throw usage(syntax, "too many words: quote a value that holds spaces, as in "
                    + syntax.display() + " greeting \"hello world\"");
        }
        return new Statement.Write(mode, checkKey(args.get(0)), args.get(1).bytes(), ttl);
    }

    private static Statement arithmetic(Syntax syntax, boolean increment, List<Word> args) {
        count(syntax, args, 1, 2);
        long delta = 1;
        if (args.size() == 2) {
            String text = args.get(1).text();
            try {
                if (text.startsWith("-") || text.startsWith("+")) {
                    throw new NumberFormatException();
                }
                delta = Long.parseUnsignedLong(text);
            } catch (NumberFormatException e) {
                throw usage(syntax, "delta '" + text + "' is not a whole number from 0 to 18446744073709551615");
            }
        }
        return new Statement.Arithmetic(increment, checkKey(args.get(0)), delta);
    }

    private static Statement touch(List<Word> args) {
        if (args.size() == 3 && args.get(1).is("TTL")) {
            return new Statement.Touch(checkKey(args.get(0)), ttl(Syntax.TOUCH, args.get(2)));
        }
        count(Syntax.TOUCH, args, 2, 2);
        return new Statement.Touch(checkKey(args.get(0)), ttl(Syntax.TOUCH, args.get(1)));
    }

    private static Statement show(List<Word> args) {
        if (args.isEmpty()) {
            throw new UsageException("SHOW what? " + Syntax.SHOW_KEYS.usage() + " | " + Syntax.SHOW_DATA.usage()
                    + " | " + Syntax.SHOW_NAMESPACES.usage());
        }
        Word what = args.get(0);
        List<Word> rest = args.subList(1, args.size());
        if (what.is("KEYS") || what.is("DATA")) {
            Syntax syntax = what.is("KEYS") ? Syntax.SHOW_KEYS : Syntax.SHOW_DATA;
            count(syntax, rest, 0, 1);
            return new Statement.Show(what.is("DATA"), rest.isEmpty() ? null : rest.get(0).text());
        }
        if (what.is("NAMESPACES")) {
            count(Syntax.SHOW_NAMESPACES, rest, 0, 0);
            return new Statement.ShowNamespaces();
        }
        throw new UsageException("SHOW " + what.text() + "? " + Syntax.SHOW_KEYS.usage() + " | "
                + Syntax.SHOW_DATA.usage() + " | " + Syntax.SHOW_NAMESPACES.usage());
    }

    private static Statement flush(List<Word> args) {
        if (args.isEmpty() || !args.get(0).is("NAMESPACE")) {
            throw usage(Syntax.FLUSH_NAMESPACE, "only a namespace can be flushed from here");
        }
        List<Word> rest = args.subList(1, args.size());
        count(Syntax.FLUSH_NAMESPACE, rest, 0, 1);
        return new Statement.FlushNamespace(rest.isEmpty() ? null : namespace(rest.get(0).text()));
    }

    private static Statement user(List<Word> args) {
        if (args.isEmpty()) {
            throw new UsageException("USER what? " + Syntax.USER_ADD.usage() + " | " + Syntax.USER_REMOVE.usage()
                    + " | " + Syntax.USER_PASSWD.usage());
        }
        String action = args.get(0).text().toLowerCase(Locale.ROOT);
        Syntax syntax = switch (action) {
            case "add" -> Syntax.USER_ADD;
            case "remove" -> Syntax.USER_REMOVE;
            case "passwd" -> Syntax.USER_PASSWD;
            default -> throw new UsageException("USER " + args.get(0).text() + "? " + Syntax.USER_ADD.usage() + " | "
                    + Syntax.USER_REMOVE.usage() + " | " + Syntax.USER_PASSWD.usage());
        };
        if (args.size() < 2) {
            throw usage(syntax, "the username is missing");
        }
        String username = args.get(1).text();
        if (!Usernames.isValid(username)) {
            throw usage(syntax, "invalid username '" + username + "' (expected " + Usernames.VALID_FORM + ")");
        }
        List<Word> rest = args.subList(2, args.size());
        if (syntax != Syntax.USER_ADD) {
            if (!rest.isEmpty()) {
                // a password on the line would be on the screen; it is asked for without echo
                throw usage(syntax, "too many words: the password is asked for, not written on the line");
            }
            return new Statement.Users(action, username, List.of());
        }
        if (rest.isEmpty()) {
            throw usage(syntax, "give at least one permission: " + Permission.VALID_FORMS);
        }
        List<String> permissions = new ArrayList<>();
        for (Word word : rest) {
            try {
                permissions.add(Permission.parse(word.text()).text());
            } catch (IllegalArgumentException e) {
                throw usage(syntax, e.getMessage());
            }
        }
        return new Statement.Users(action, username, permissions);
    }

    private static byte[] key(Syntax syntax, List<Word> args, int count) {
        count(syntax, args, count, count);
        return checkKey(args.get(0));
    }

    /**
     * A key may hold any byte but space and control characters (memcached's rule). The length
     * limit is checked where the namespace prefix is known.
     */
    private static byte[] checkKey(Word word) {
        byte[] key = word.bytes();
        if (key.length == 0) {
            throw new UsageException("a key cannot be empty");
        }
        for (byte b : key) {
            if ((b & 0xff) <= ' ' || b == 0x7f) {
                throw new UsageException("invalid key '" + word.text().replaceAll("\\p{Cntrl}", "?")
                        + "': keys cannot hold spaces or control characters");
            }
        }
        return key;
    }

    private static long ttl(Syntax syntax, Word word) {
        String text = word.text();
        try {
            long ttl = Long.parseLong(text);
            if (ttl >= 0 && ttl <= MAX_TTL) {
                return ttl;
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        throw usage(syntax, "TTL '" + text + "' is not a number of seconds from 0 (never expires) to " + MAX_TTL);
    }

    private static void count(Syntax syntax, List<Word> args, int min, int max) {
        if (args.size() < min) {
            throw usage(syntax, "missing words");
        }
        if (args.size() > max) {
            throw usage(syntax, "too many words" + (max > 0 ? ": quote words that hold spaces" : ""));
        }
    }

    private static UsageException usage(Syntax syntax, String problem) {
        return new UsageException(syntax.display() + ": " + problem + " (usage: " + syntax.usage() + ")");
    }

    private static String join(List<Word> words) {
        StringBuilder sb = new StringBuilder();
        for (Word w : words) {
            sb.append(sb.length() == 0 ? "" : " ").append(w.text());
        }
        return sb.toString();
    }
}
