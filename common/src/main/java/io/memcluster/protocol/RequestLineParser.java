package io.memcluster.protocol;

import java.util.Base64;

/**
 * Turns one split request line into a {@link Command}, replying to malformed lines exactly as
 * memcached 1.6 does (the same checks, in the same order, with the same strings). A storage
 * command's data block is not part of the line: for those the parser leaves a
 * {@link PendingData} (or a byte count to swallow) for the decoder to act on.
 */
final class RequestLineParser {

    static final int MAX_KEY_LENGTH = 250;
    /** memcached's MFLAG_MAX_OPT_LENGTH, counted in its tokens (which include a terminal one). */
    private static final int MAX_META_TOKENS = 20;
    /** Fixed cost memcached adds to key and value when checking the item size limit. */
    private static final int ITEM_HEADER = 59;
    /** memcached's bound on a data length (INT_MAX - 2, so that the CRLF fits an int). */
    private static final long MAX_VALUE_LENGTH = Integer.MAX_VALUE - 2;

    private static final Command.Invalid INVALID_EXPTIME = new Command.Invalid("CLIENT_ERROR invalid exptime argument", false);
    private static final String BAD_TOKEN = "CLIENT_ERROR bad token in command line format";

    /** Lowered by {@link TextCommandDecoder#restrict} until the connection has logged in. */
    int maxItemSize;
    private final long[] number = new long[1];

    /** Set when the line announced a data block to read next. */
    PendingData pending;
    /** Set when the line's data block must be read and dropped. */
    long swallow;

    RequestLineParser(int maxItemSize) {
        this.maxItemSize = maxItemSize;
    }

    Command parse(Tokens t) {
        pending = null;
        swallow = 0;
        int n = t.count;
        if (n == 0 || t.length(0) < 2) {
            return Command.Invalid.ERROR;
        }
        byte first = t.first(0);
        if (first == 'm' && t.length(0) == 2) {
            return meta(t, t.line[t.start[0] + 1]);
        }
        switch (first) {
            case 'g':
                if (n < 2) {
                    return Command.Invalid.ERROR;
                }
                if (t.is(0, Words.GET)) {
                    return retrieval(t, false, false);
                } else if (t.is(0, Words.GETS)) {
                    return retrieval(t, true, false);
                } else if (t.is(0, Words.GAT)) {
                    return retrieval(t, false, true);
                } else if (t.is(0, Words.GATS)) {
                    return retrieval(t, true, true);
                }
                return Command.Invalid.ERROR;
            case 's':
                if (t.is(0, Words.SET)) {
                    return n == 5 || n == 6 ? storage(t, StorageVerb.SET) : Command.Invalid.ERROR;
                } else if (t.is(0, Words.STATS)) {
                    return new Command.Stats(strings(t, 1));
                } else if (t.is(0, Words.SHUTDOWN)) {
                    boolean graceful = n == 2 && t.is(1, Words.GRACEFUL);
                    return new Command.Shutdown(graceful, n == 1 || graceful);
                }
                return Command.Invalid.ERROR;
            case 'a':
                if (t.is(0, Words.ADD)) {
                    return n == 5 || n == 6 ? storage(t, StorageVerb.ADD) : Command.Invalid.ERROR;
                } else if (t.is(0, Words.APPEND)) {
                    return n == 5 || n == 6 ? storage(t, StorageVerb.APPEND) : Command.Invalid.ERROR;
                }
                return Command.Invalid.ERROR;
            case 'c':
                if (t.is(0, Words.CAS)) {
                    return n == 6 || n == 7 ? storage(t, StorageVerb.CAS) : Command.Invalid.ERROR;
                } else if (t.is(0, Words.CACHE_MEMLIMIT)) {
                    return n == 2 || n == 3 ? memlimit(t) : Command.Invalid.ERROR;
                }
                return Command.Invalid.ERROR;
            case 'i':
                if (t.is(0, Words.INCR)) {
                    return n == 3 || n == 4 ? arithmetic(t, true) : Command.Invalid.ERROR;
                }
                return Command.Invalid.ERROR;
            case 'd':
                if (t.is(0, Words.DELETE)) {
                    return n >= 2 && n <= 4 ? delete(t) : Command.Invalid.ERROR;
                } else if (t.is(0, Words.DECR)) {
                    return n == 3 || n == 4 ? arithmetic(t, false) : Command.Invalid.ERROR;
                }
                return Command.Invalid.ERROR;
            case 't':
                if (t.is(0, Words.TOUCH)) {
                    return n == 3 || n == 4 ? touch(t) : Command.Invalid.ERROR;
                }
                return Command.Invalid.ERROR;
            default:
                break;
        }
        if (t.is(0, Words.REPLACE)) {
            return n == 5 || n == 6 ? storage(t, StorageVerb.REPLACE) : Command.Invalid.ERROR;
        } else if (t.is(0, Words.PREPEND)) {
            return n == 5 || n == 6 ? storage(t, StorageVerb.PREPEND) : Command.Invalid.ERROR;
        } else if (t.is(0, Words.BGET)) {
            return n >= 2 ? retrieval(t, false, false) : Command.Invalid.ERROR;
        } else if (t.is(0, Words.FLUSH_ALL)) {
            return n <= 3 ? flushAll(t) : Command.Invalid.ERROR;
        } else if (t.is(0, Words.VERSION)) {
            return new Command.Version();
        } else if (t.is(0, Words.QUIT)) {
            return new Command.Quit();
        } else if (t.is(0, Words.LRU_CRAWLER)) {
            return new Command.LruCrawler(strings(t, 1));
        } else if (t.is(0, Words.VERBOSITY)) {
            return n == 2 || n == 3 ? verbosity(t) : Command.Invalid.ERROR;
        } else if (t.is(0, Words.MEMCLUSTER)) {
            return ExtensionLine.parse(t, this);
        }
        int last = n - 1;
        if (t.length(last) >= 5 && java.util.Arrays.equals(t.line, t.start[last], t.start[last] + 5,
                Words.HTTP, 0, 5)) {
            return Command.Close.INSTANCE;
        }
        return Command.Invalid.ERROR;
    }

    // ------------------------------------------------------------ classic commands

    private Command storage(Tokens t, StorageVerb verb) {
        boolean noreply = t.endsWithNoreply();
        if (t.length(1) > MAX_KEY_LENGTH) {
            return reject(Command.Invalid.BAD_FORMAT.reply(), noreply);
        }
        long flags = t.uint32(2);
        long exptime = t.int32(3);
        long length = t.int32(4);
        if (flags < 0 || exptime == Long.MIN_VALUE || length == Long.MIN_VALUE) {
            return reject(Command.Invalid.BAD_FORMAT.reply(), noreply);
        }
        long cas = 0;
        if (verb == StorageVerb.CAS) {
            if (!t.uint64(5, number)) {
                return reject(Command.Invalid.BAD_FORMAT.reply(), noreply);
            }
            cas = number[0];
        }
        if (length < 0 || length > MAX_VALUE_LENGTH) {
            return reject(Command.Invalid.BAD_FORMAT.reply(), noreply);
        }
        byte[] key = t.bytes(1);
        if (tooLarge(key.length, flags, length)) {
            swallow = length + 2;
            return new Command.TooLarge(verb, key, noreply, false);
        }
        pending = new PendingData.Storage(verb, key, (int) flags, exptime, cas, noreply, (int) length, null);
        return null;
    }

    private Command retrieval(Tokens t, boolean withCas, boolean touch) {
        int firstKey = 1;
        long exptime = 0;
        if (touch) {
            exptime = t.int32(1);
            if (exptime == Long.MIN_VALUE) {
                return INVALID_EXPTIME;
            }
            firstKey = 2;
        }
        byte[][] keys = new byte[t.count - firstKey][];
        for (int i = firstKey; i < t.count; i++) {
            if (t.length(i) > MAX_KEY_LENGTH) {
                return Command.Invalid.BAD_FORMAT;
            }
            keys[i - firstKey] = t.bytes(i);
        }
        return new Command.Retrieval(withCas, touch, exptime, keys);
    }

    private Command delete(Tokens t) {
        boolean noreply = false;
        if (t.count > 2) {
            boolean holdIsZero = t.is(2, Words.ZERO);
            noreply = t.endsWithNoreply();
            boolean valid = (t.count == 3 && (holdIsZero || noreply))
                    || (t.count == 4 && holdIsZero && noreply);
            if (!valid) {
                return reject("CLIENT_ERROR bad command line format.  Usage: delete <key> [noreply]", noreply);
            }
        }
        if (t.length(1) > MAX_KEY_LENGTH) {
            return reject(Command.Invalid.BAD_FORMAT.reply(), noreply);
        }
        return new Command.Delete(t.bytes(1), noreply);
    }

    private Command arithmetic(Tokens t, boolean increment) {
        boolean noreply = t.endsWithNoreply();
        if (t.length(1) > MAX_KEY_LENGTH) {
            return reject(Command.Invalid.BAD_FORMAT.reply(), noreply);
        }
        if (!t.uint64(2, number)) {
            return reject("CLIENT_ERROR invalid numeric delta argument", noreply);
        }
        return new Command.Arithmetic(increment, t.bytes(1), number[0], noreply);
    }

    private Command touch(Tokens t) {
        boolean noreply = t.endsWithNoreply();
        if (t.length(1) > MAX_KEY_LENGTH) {
            return reject(Command.Invalid.BAD_FORMAT.reply(), noreply);
        }
        long exptime = t.int32(2);
        if (exptime == Long.MIN_VALUE) {
            return reject(INVALID_EXPTIME.reply(), noreply);
        }
        return new Command.Touch(t.bytes(1), exptime, noreply);
    }

    private Command flushAll(Tokens t) {
        boolean noreply = t.endsWithNoreply();
        long delay = 0;
        if (t.count != (noreply ? 2 : 1)) {
            delay = t.int32(1);
            if (delay == Long.MIN_VALUE) {
                return reject(INVALID_EXPTIME.reply(), noreply);
            }
        }
        return new Command.FlushAll(delay, noreply);
    }

    private Command verbosity(Tokens t) {
        boolean noreply = t.endsWithNoreply();
        long level = t.uint32(1);
        if (level < 0) {
            return reject(Command.Invalid.BAD_FORMAT.reply(), noreply);
        }
        return new Command.Verbosity((int) Math.min(level, 2), noreply);
    }

    private Command memlimit(Tokens t) {
        boolean noreply = t.endsWithNoreply();
        long megabytes = t.uint32(1);
        if (megabytes < 0) {
            return reject("ERROR", noreply);
        }
        return new Command.CacheMemlimit(megabytes, noreply);
    }

    // ------------------------------------------------------------ meta commands

    private Command meta(Tokens t, byte second) {
        switch (second) {
            case 'g':
                return metaGet(t);
            case 's':
                return metaSet(t);
            case 'd':
                return metaKeyOnly(t, false);
            case 'a':
                return metaKeyOnly(t, true);
            case 'n':
                return new Command.MetaNoop();
            case 'e':
                return metaDebug(t);
            default:
                return Command.Invalid.ERROR;
        }
    }

    private Command metaGet(Tokens t) {
        if (t.count < 2) {
            return Command.Invalid.ERROR;
        }
        if (t.length(1) > MAX_KEY_LENGTH) {
            return Command.Invalid.BAD_FORMAT;
        }
        if (t.count + 1 > MAX_META_TOKENS) {
            return new Command.Invalid("CLIENT_ERROR options flags are too long", false);
        }
        MetaFlagParse parsed = parseFlags(t, 2, false);
        if (parsed.error != null) {
            return new Command.Invalid(parsed.error, false);
        }
        return new Command.MetaGet(parsed.key, parsed.flags);
    }

    private Command metaSet(Tokens t) {
        if (t.count < 2) {
            return Command.Invalid.ERROR;
        }
        if (t.length(1) > MAX_KEY_LENGTH || t.count == 2) {
            return Command.Invalid.BAD_FORMAT;
        }
        if (t.count + 1 > MAX_META_TOKENS) {
            return new Command.Invalid("CLIENT_ERROR options flags too long", false);
        }
        long length = t.int32(2);
        if (length == Long.MIN_VALUE || length < 0 || length > MAX_VALUE_LENGTH) {
            return Command.Invalid.BAD_FORMAT;
        }
        MetaFlagParse parsed = parseFlags(t, 3, true);
        String error = parsed.error;
        if (error == null) {
            byte mode = parsed.flags.mode;
            if (mode != 0 && mode != 'E' && mode != 'A' && mode != 'P' && mode != 'R' && mode != 'S') {
                error = "CLIENT_ERROR invalid mode for ms M token";
            }
        }
        if (error != null) {
            swallow = length + 2;
            return new Command.Invalid(error, false);
        }
        if (tooLarge(parsed.key.length, parsed.flags.clientFlags, length)) {
            swallow = length + 2;
            return new Command.TooLarge(StorageVerb.SET, parsed.key, false, true);
        }
        pending = new PendingData.Storage(null, parsed.key, parsed.flags.clientFlags, 0, 0, false, (int) length, parsed.flags);
        return null;
    }

    /** md and ma, which share their checks and their one error for bad flags. */
    private Command metaKeyOnly(Tokens t, boolean arithmetic) {
        if (t.count < 2) {
            return Command.Invalid.ERROR;
        }
        if (t.length(1) > MAX_KEY_LENGTH) {
            return Command.Invalid.BAD_FORMAT;
        }
        if (t.count + 1 > MAX_META_TOKENS) {
            return new Command.Invalid("CLIENT_ERROR options flags too long", false);
        }
        MetaFlagParse parsed = parseFlags(t, 2, !arithmetic);
        if (parsed.error != null) {
            boolean ownError = parsed.error.endsWith("opaque token too long") || parsed.error.startsWith(VERSION_ERROR);
            return new Command.Invalid(ownError ? parsed.error : "CLIENT_ERROR invalid or duplicate flag", false);
        }
        if (!arithmetic) {
            return new Command.MetaDelete(parsed.key, parsed.flags);
        }
        byte mode = parsed.flags.mode;
        if (mode != 0 && mode != 'I' && mode != '+' && mode != 'D' && mode != '-') {
            return new Command.Invalid("CLIENT_ERROR invalid mode for ma M token", false);
        }
        return new Command.MetaArithmetic(parsed.key, parsed.flags);
    }

    private Command metaDebug(Tokens t) {
        if (t.count < 2 || t.length(1) > MAX_KEY_LENGTH) {
            return Command.Invalid.BAD_FORMAT;
        }
        byte[] key = t.bytes(1);
        boolean base64 = t.count >= 3 && t.length(2) == 1 && t.first(2) == 'b';
        if (base64) {
            key = decodeBase64(key);
            if (key == null) {
                return Command.Invalid.BAD_FORMAT;
            }
        }
        return new Command.MetaDebug(key, base64);
    }

    /** See {@link MetaFlags#of}: the flags of a made-up {@code mg} line, parsed as the node would. */
    static MetaFlags clientFlags(String[] flagTokens) {
        if (flagTokens.length + 3 > MAX_META_TOKENS) {
            throw new IllegalArgumentException("options flags are too long: " + flagTokens.length
                    + " flags (expected: <= " + (MAX_META_TOKENS - 3) + ")");
        }
        // The key is valid base64 too, so that a 'b' flag parses.
        StringBuilder line = new StringBuilder("mg AAAA");
        for (String token : flagTokens) {
            if (token.isEmpty() || token.chars().anyMatch(c -> c <= ' ' || c > 0xff)) {
                throw new IllegalArgumentException("invalid meta flag token '" + token + "'");
            }
            line.append(' ').append(token);
        }
        byte[] bytes = line.toString().getBytes(java.nio.charset.StandardCharsets.ISO_8859_1);
        Tokens t = new Tokens();
        t.ensureCapacity(bytes.length);
        System.arraycopy(bytes, 0, t.line, 0, bytes.length);
        t.split(bytes.length);
        MetaFlagParse parsed = new RequestLineParser(Integer.MAX_VALUE).parseFlags(t, 2, true);
        if (parsed.error != null) {
            throw new IllegalArgumentException(parsed.error.replaceFirst("^CLIENT_ERROR ", ""));
        }
        return parsed.flags;
    }

    private static final class MetaFlagParse {
        byte[] key;
        MetaFlags flags;
        String error;
    }

    /** How the errors of memcluster's own V flag begin. */
    private static final String VERSION_ERROR = "CLIENT_ERROR V ";

    /**
     * memcached's _meta_flag_preparse: later errors overwrite earlier ones, some end at once.
     *
     * @param versionable whether memcluster's V flag (a versioned, last-writer-wins write: see
     *                    the node's {@code Store#storeVersioned}) is allowed: on ms and md only
     */
    private MetaFlagParse parseFlags(Tokens t, int from, boolean versionable) {
        MetaFlagParse result = new MetaFlagParse();
        MetaFlags f = new MetaFlags(Math.max(0, t.count - from));
        result.flags = f;
        result.key = t.bytes(1);
        boolean hasError = false;
        String error = Command.Invalid.BAD_FORMAT.reply();
        for (int i = from; i < t.count; i++) {
            byte flag = t.first(i);
            int valueFrom = t.start[i] + 1;
            int valueTo = t.end[i];
            if (flag < 0 || !isLetter(flag)) {
                result.error = flag < 0 ? "CLIENT_ERROR duplicate flag" : "CLIENT_ERROR invalid flag";
                return result;
            }
            if (!f.add(flag)) {
                result.error = "CLIENT_ERROR duplicate flag";
                return result;
            }
            switch (flag) {
                case 'b':
                    byte[] decoded = decodeBase64(result.key);
                    if (decoded == null) {
                        error = "CLIENT_ERROR error decoding key";
                        hasError = true;
                    } else {
                        result.key = decoded;
                    }
                    break;
                case 'N':
                case 'T':
                case 'R': {
                    long ttl = t.int32(valueFrom, valueTo);
                    if (ttl == Long.MIN_VALUE) {
                        error = BAD_TOKEN;
                        hasError = true;
                    } else if (flag == 'N') {
                        f.vivifyTtl = ttl;
                    } else if (flag == 'T') {
                        f.ttl = ttl;
                    } else {
                        f.recacheTtl = ttl;
                    }
                    break;
                }
                case 'O':
                    if (valueTo - t.start[i] > MetaFlags.MAX_OPAQUE_LENGTH) {
                        error = "CLIENT_ERROR opaque token too long";
                        hasError = true;
                    } else {
                        f.opaque = t.bytes(i);
                    }
                    break;
                case 'P': case 'L': case 'l': case 'k': case 's': case 't': case 'c': case 'f':
                case 'v': case 'h': case 'u': case 'q': case 'x': case 'I':
                    break;
                case 'V':
                    if (!versionable) {
                        // as memcached answers any flag it does not know
                        result.error = "CLIENT_ERROR invalid flag";
                        return result;
                    }
                    break;
                case 'F': {
                    long flags = t.uint32(valueFrom, valueTo);
                    if (flags < 0) {
                        hasError = true;
                    } else {
                        f.clientFlags = (int) flags;
                    }
                    break;
                }
                case 'C':
                case 'E':
                    if (!t.uint64(valueFrom, valueTo, number)) {
                        error = BAD_TOKEN;
                        hasError = true;
                    } else if (flag == 'C') {
                        f.compareCas = number[0];
                    } else {
                        f.newCas = number[0];
                    }
                    break;
                case 'M':
                    if (valueTo - valueFrom != 1) {
                        error = "CLIENT_ERROR incorrect length for M token";
                        hasError = true;
                    } else {
                        f.mode = t.line[valueFrom];
                    }
                    break;
                case 'J':
                    if (!t.uint64(valueFrom, valueTo, number)) {
                        error = "CLIENT_ERROR invalid numeric initial value";
                        hasError = true;
                    } else {
                        f.initial = number[0];
                    }
                    break;
                case 'D':
                    if (!t.uint64(valueFrom, valueTo, number)) {
                        error = "CLIENT_ERROR invalid numeric delta value";
                        hasError = true;
                    } else {
                        f.delta = number[0];
                    }
                    break;
                default:
                    result.error = "CLIENT_ERROR invalid flag";
                    return result;
            }
        }
        if (hasError) {
            result.error = error;
        } else if (f.has('V')) {
            result.error = versionConflict(f);
        }
        return result;
    }

    /**
     * What is wrong with a V flag's company, or null: the version is E's, and a versioned write
     * replaces by version alone, so a compare (C), an invalidation (I), a value removal (x) or a
     * mode other than set (M) would each ask for something it does not do.
     */
    private static String versionConflict(MetaFlags f) {
        if (!f.has('E')) {
            return VERSION_ERROR + "needs E<version>";
        }
        if (f.has('C') || f.has('I') || f.has('x') || (f.has('M') && f.mode != 'S')) {
            return VERSION_ERROR + "cannot be combined with C, I, x or a mode other than MS";
        }
        return null;
    }

    // ------------------------------------------------------------ helpers

    /** memcached's item_size_ok: the client flags take 4 bytes of the item unless they are 0. */
    private boolean tooLarge(int keyLength, long flags, long valueLength) {
        long flagBytes = flags == 0 ? 0 : Integer.BYTES;
        return keyLength + flagBytes + valueLength + ITEM_HEADER > maxItemSize;
    }

    private static Command reject(String reply, boolean noreply) {
        return new Command.Invalid(reply, noreply);
    }

    private static boolean isLetter(byte b) {
        return (b >= 'a' && b <= 'z') || (b >= 'A' && b <= 'Z');
    }

    private static byte[] decodeBase64(byte[] encoded) {
        try {
            byte[] decoded = Base64.getDecoder().decode(encoded);
            return decoded.length == 0 ? null : decoded;
        } catch (IllegalArgumentException e) {
            return null;
        }
    }

    private static String[] strings(Tokens t, int from) {
        String[] args = new String[Math.max(0, t.count - from)];
        for (int i = from; i < t.count; i++) {
            args[i - from] = t.string(i);
        }
        return args;
    }
}
