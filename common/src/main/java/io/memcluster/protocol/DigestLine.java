package io.memcluster.protocol;

import java.nio.charset.StandardCharsets;
import java.util.Base64;

/** The lines of {@code memcluster digest} and {@code digest_keys} as {@link Reply} elements. */
final class DigestLine {

    private DigestLine() {
    }

    static Reply parse(String[] words, byte[] line) {
        try {
            switch (words[0]) {
                case "DM":
                    expect(words, 2, 2);
                    return new Reply.DigestMax(Long.parseUnsignedLong(words[1]));
                case "DG":
                    expect(words, 6, 6);
                    return new Reply.DigestSegment(words[1], Integer.parseInt(words[2]), Long.parseLong(words[3]),
                            Long.parseUnsignedLong(words[4]), Long.parseUnsignedLong(words[5], 16));
                case "DK":
                    expect(words, 4, 5);
                    boolean base64 = base64(words, 4);
                    return new Reply.DigestKey(key(words[1], base64), Long.parseUnsignedLong(words[2]),
                            Long.parseLong(words[3]), false, base64);
                default:
                    expect(words, 3, 4);
                    boolean b = base64(words, 3);
                    return new Reply.DigestKey(key(words[1], b), Long.parseUnsignedLong(words[2]), 0, true, b);
            }
        } catch (IllegalArgumentException e) {
            // the line holds a key: not in the message, which may reach a log
            throw new ReplyDecoderException("a malformed " + words[0] + " line (" + e.getMessage() + ")");
        }
    }

    private static void expect(String[] words, int min, int max) {
        if (words.length < min || words.length > max) {
            throw new IllegalArgumentException(words.length + " words, expected " + min
                    + (max > min ? "-" + max : ""));
        }
    }

    private static boolean base64(String[] words, int at) {
        if (words.length <= at) {
            return false;
        }
        if (!words[at].equals("b")) {
            throw new IllegalArgumentException("'" + words[at] + "' where only b may be");
        }
        return true;
    }

    private static byte[] key(String word, boolean base64) {
        byte[] bytes = word.getBytes(StandardCharsets.ISO_8859_1);
        return base64 ? Base64.getDecoder().decode(bytes) : bytes;
    }
}
