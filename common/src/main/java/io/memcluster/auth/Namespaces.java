package io.memcluster.auth;

import java.nio.charset.StandardCharsets;

/**
 * The namespace a key belongs to. A key {@code ns.rest} belongs to {@code ns} when {@code ns} is
 * 1-64 ASCII letters or digits; every other key belongs to {@link #DEFAULT}. The rest may be
 * empty: {@code cart.} belongs to {@code cart}. Names are case-sensitive, like keys.
 */
public final class Namespaces {

    /** The namespace of every key without a valid {@code ns.} prefix. */
    public static final String DEFAULT = "default";

    /** Longest namespace name. */
    public static final int MAX_LENGTH = 64;

    private Namespaces() {
    }

    /** Whether {@code name} can be a namespace: 1-64 ASCII letters or digits. */
    public static boolean isValidName(String name) {
        int length = name.length();
        if (length == 0 || length > MAX_LENGTH) {
            return false;
        }
        for (int i = 0; i < length; i++) {
            if (!isNameChar(name.charAt(i))) {
                return false;
            }
        }
        return true;
    }

    public static String namespaceOf(String key) {
        int limit = Math.min(key.length(), MAX_LENGTH + 1);
        for (int i = 0; i < limit; i++) {
            char c = key.charAt(i);
            if (c == '.') {
                return i == 0 ? DEFAULT : key.substring(0, i);
            }
            if (!isNameChar(c)) {
                return DEFAULT;
            }
        }
        return DEFAULT;
    }

    /**
     * The namespace of the key held in {@code key[off, off + len)}. Allocates nothing when the key
     * is in {@link #DEFAULT}, which is what most keys of a plain memcached workload are.
     */
    public static String namespaceOf(byte[] key, int off, int len) {
        int prefix = prefixLength(key, off, len);
        // The prefix is ASCII letters and digits by construction, so US-ASCII decodes it exactly.
        return prefix == 0 ? DEFAULT : new String(key, off, prefix, StandardCharsets.US_ASCII);
    }

    /**
     * The length of the namespace prefix of {@code key[off, off + len)} (without the dot), or 0
     * when the key is in {@link #DEFAULT}. Never allocates: for callers that only need to compare
     * or hash the name in place.
     */
    public static int prefixLength(byte[] key, int off, int len) {
        int limit = Math.min(len, MAX_LENGTH + 1);
        for (int i = 0; i < limit; i++) {
            byte b = key[off + i];
            if (b == '.') {
                return i;
            }
            if (!isNameChar((char) (b & 0xff))) {
                return 0;
            }
        }
        return 0;
    }

    private static boolean isNameChar(char c) {
        return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9');
    }
}
