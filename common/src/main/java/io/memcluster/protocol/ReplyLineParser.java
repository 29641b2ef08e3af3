package io.memcluster.protocol;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Turns one reply line into a {@link Reply}, or into a {@link DataHeader} when a value block
 * follows. The first word decides: memcached's reply words do not overlap, so no knowledge of
 * the request is needed.
 */
final class ReplyLineParser {

    private final int maxValueLength;

    ReplyLineParser(int maxValueLength) {
        this.maxValueLength = maxValueLength;
    }

    /** A {@code VALUE} or {@code VA} line waiting for its data block. */
    sealed interface DataHeader permits ValueHeader, MetaValueHeader {
        int length();

        Reply complete(byte[] data);
    }

    private record ValueHeader(byte[] key, int flags, int length, boolean withCas, long cas) implements DataHeader {
        @Override
        public Reply complete(byte[] data) {
            return new Reply.Value(key, flags, data, withCas, cas);
        }
    }

    private record MetaValueHeader(int length, List<String> flags) implements DataHeader {
        @Override
        public Reply complete(byte[] data) {
            return new Reply.Meta(MetaStatus.VA, flags, data);
        }
    }

    /** @return a {@link Reply} or a {@link DataHeader} */
    Object parse(byte[] line) {
        String[] words = split(line);
        if (words.length == 0) {
            throw malformed("an empty reply line", line);
        }
        String first = words[0];
        switch (first) {
            case "VALUE":
                return value(words, line);
            case "VA":
                return metaValue(words, line);
            case "STAT":
                return stat(line);
            case "END":
                return words.length == 1 ? Reply.End.INSTANCE : new Reply.Other(text(line));
            case "ME":
                return metaDebug(words, line);
            case "DM":
            case "DG":
            case "DK":
            case "DT":
                return DigestLine.parse(words, line);
            case "USER":
                return user(words, line);
            case "VERSION":
                return new Reply.Version(rest(line, first.length()));
            case "ERROR":
                return new Reply.Error(ErrorKind.ERROR, rest(line, first.length()));
            case "CLIENT_ERROR":
                return new Reply.Error(ErrorKind.CLIENT_ERROR, rest(line, first.length()));
            case "SERVER_ERROR":
                return new Reply.Error(ErrorKind.SERVER_ERROR, rest(line, first.length()));
            default:
                break;
        }
        if (first.startsWith("key=")) {
            return KeyMetadataLine.parse(words, line);
        }
        if (words.length == 1) {
            ReplyStatus status = status(first);
            if (status != null) {
                return new Reply.Status(status);
            }
            if (isDigits(first)) {
                return new Reply.Number(unsigned64(first, line));
            }
        }
        MetaStatus meta = metaStatus(first);
        if (meta != null && meta != MetaStatus.VA) {
            return new Reply.Meta(meta, Arrays.asList(words).subList(1, words.length), null);
        }
        return new Reply.Other(text(line));
    }

    private Object value(String[] words, byte[] line) {
        if (words.length != 4 && words.length != 5) {
            throw malformed("a VALUE line with " + words.length + " words (expected 4 or 5)", line);
        }
        long flags = unsigned(words[2], 0xFFFF_FFFFL, line);
        int length = length(words[3], line);
        boolean withCas = words.length == 5;
        long cas = withCas ? unsigned64(words[4], line) : 0;
        return new ValueHeader(keyBytes(words[1]), (int) flags, length, withCas, cas);
    }

    private Object metaValue(String[] words, byte[] line) {
        if (words.length < 2) {
            throw malformed("a VA line without a length", line);
        }
        return new MetaValueHeader(length(words[1], line), List.of(Arrays.copyOfRange(words, 2, words.length)));
    }

    /** {@code USER <name> <perm,perm,...|->}: one entry of {@code memcluster users list}. */
    private static Reply user(String[] words, byte[] line) {
        if (words.length != 3) {
            throw malformed("a USER line with " + words.length + " words (expected 3)", line);
        }
        // the words were split as ISO-8859-1, one char per byte; a username is UTF-8
        String name = new String(words[1].getBytes(StandardCharsets.ISO_8859_1), StandardCharsets.UTF_8);
        List<String> permissions = words[2].equals("-") ? List.of() : List.of(words[2].split(","));
        return new Reply.UserEntry(name, permissions);
    }

    private static Reply stat(byte[] line) {
        // STAT <name> <value...>: the value is everything after the name, spaces included
        int nameStart = 5;
        int nameEnd = nameStart;
        while (nameEnd < line.length && line[nameEnd] != ' ') {
            nameEnd++;
        }
        if (nameEnd == nameStart) {
            throw malformed("a STAT line without a name", line);
        }
        String name = new String(line, nameStart, nameEnd - nameStart, StandardCharsets.UTF_8);
        String value = nameEnd + 1 < line.length
                ? new String(line, nameEnd + 1, line.length - nameEnd - 1, StandardCharsets.UTF_8) : "";
        return new Reply.Stat(name, value);
    }

    private static Reply metaDebug(String[] words, byte[] line) {
        if (words.length < 2) {
            throw malformed("an ME line without a key", line);
        }
        Map<String, String> fields = new LinkedHashMap<>();
        for (int i = 2; i < words.length; i++) {
            int eq = words[i].indexOf('=');
            if (eq <= 0) {
                throw malformed("an ME field without '='", line);
            }
            fields.put(words[i].substring(0, eq), words[i].substring(eq + 1));
        }
        return new Reply.MetaDebug(words[1], fields);
    }

    private int length(String word, byte[] line) {
        long length = unsigned(word, Integer.MAX_VALUE, line);
        if (length > maxValueLength) {
            throw new ReplyDecoderException("value of " + length + " bytes is larger than the limit of "
                    + maxValueLength);
        }
        return (int) length;
    }

    private static ReplyStatus status(String word) {
        return switch (word) {
            case "STORED" -> ReplyStatus.STORED;
            case "NOT_STORED" -> ReplyStatus.NOT_STORED;
            case "EXISTS" -> ReplyStatus.EXISTS;
            case "NOT_FOUND" -> ReplyStatus.NOT_FOUND;
            case "DELETED" -> ReplyStatus.DELETED;
            case "TOUCHED" -> ReplyStatus.TOUCHED;
            case "OK" -> ReplyStatus.OK;
            case "RESET" -> ReplyStatus.RESET;
            default -> null;
        };
    }

    private static MetaStatus metaStatus(String word) {
        if (word.length() != 2) {
            return null;
        }
        for (MetaStatus status : MetaStatus.values()) {
            if (status.name().equals(word)) {
                return status;
            }
        }
        return null;
    }

    // ------------------------------------------------------------ helpers

    /** Words split on runs of spaces; ISO-8859-1 keeps every byte as one char. */
    static String[] split(byte[] line) {
        List<String> words = new ArrayList<>();
        int i = 0;
        while (i < line.length) {
            while (i < line.length && line[i] == ' ') {
                i++;
            }
            int start = i;
            while (i < line.length && line[i] != ' ') {
                i++;
            }
            if (i > start) {
                words.add(new String(line, start, i - start, StandardCharsets.ISO_8859_1));
            }
        }
        return words.toArray(new String[0]);
    }

    /** A key's bytes back from its ISO-8859-1 word. */
    private static byte[] keyBytes(String word) {
        return word.getBytes(StandardCharsets.ISO_8859_1);
    }

    /** What follows the first word, without the separating space; "" if nothing does. */
    private static String rest(byte[] line, int wordLength) {
        int from = wordLength;
        if (from < line.length && line[from] == ' ') {
            from++;
        }
        return new String(line, from, line.length - from, StandardCharsets.UTF_8);
    }

    private static String text(byte[] line) {
        return new String(line, StandardCharsets.UTF_8);
    }

    static boolean isDigits(String word) {
        if (word.isEmpty()) {
            return false;
        }
        for (int i = 0; i < word.length(); i++) {
            char c = word.charAt(i);
            if (c < '0' || c > '9') {
                return false;
            }
        }
        return true;
    }

    static long unsigned(String word, long max, byte[] line) {
        if (!isDigits(word) || word.length() > 19) {
            throw malformed("'" + word + "' where a number was expected", line);
        }
        long value = Long.parseLong(word);
        if (value > max) {
            throw malformed(word + " is out of range (expected at most " + max + ")", line);
        }
        return value;
    }

    static long unsigned64(String word, byte[] line) {
        if (!isDigits(word)) {
            throw malformed("'" + word + "' where an unsigned number was expected", line);
        }
        try {
            return Long.parseUnsignedLong(word);
        } catch (NumberFormatException e) {
            throw malformed(word + " is out of the unsigned 64-bit range", line);
        }
    }

    static ReplyDecoderException malformed(String what, byte[] line) {
        // Show the start of the line only: it may be long, and the caller logs this.
        int shown = Math.min(line.length, 80);
        String start = new String(line, 0, shown, StandardCharsets.ISO_8859_1).replaceAll("\\p{Cntrl}", "?");
        return new ReplyDecoderException("malformed reply: " + what + ": '" + start + (shown < line.length ? "...'" : "'"));
    }

    /** {@code %XX} sequences back to bytes: memcached percent-encodes metadump keys (RFC 3986). */
    static byte[] percentDecode(String encoded, byte[] line) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(encoded.length());
        for (int i = 0; i < encoded.length(); i++) {
            char c = encoded.charAt(i);
            if (c == '%') {
                if (i + 2 >= encoded.length()) {
                    throw malformed("a truncated %-escape in a key", line);
                }
                int hi = Character.digit(encoded.charAt(i + 1), 16);
                int lo = Character.digit(encoded.charAt(i + 2), 16);
                if (hi < 0 || lo < 0) {
                    throw malformed("a bad %-escape in a key", line);
                }
                out.write(hi << 4 | lo);
                i += 2;
            } else {
                out.write(c);
            }
        }
        return out.toByteArray();
    }
}
