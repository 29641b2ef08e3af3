package io.memcluster.protocol;

import java.nio.charset.StandardCharsets;

/**
 * The flags of one meta command (mg, ms, md, ma), validated as memcached validates them. The
 * flags that ask for something back are answered in {@link #order()}, the order the client sent.
 */
public final class MetaFlags {

    /** "no value given" for the optional numeric tokens. */
    public static final long ABSENT = Long.MIN_VALUE;

    static final int MAX_OPAQUE_LENGTH = 32;

    private long present;
    private final byte[] order;
    private int orderLength;
    byte[] opaque;
    long ttl = ABSENT;
    long vivifyTtl = ABSENT;
    long recacheTtl = ABSENT;
    int clientFlags;
    long compareCas;
    long newCas;
    byte mode;
    long initial;
    long delta = 1;

    MetaFlags(int capacity) {
        this.order = new byte[capacity];
    }

    /**
     * Flags as a client writes them ({@code "v"}, {@code "T60"}, {@code "E123"}), checked as the
     * node checks them: for clients that build meta commands for {@link CommandEncoder}.
     *
     * @throws IllegalArgumentException with memcached's reason for refusing them
     */
    public static MetaFlags of(String... tokens) {
        return RequestLineParser.clientFlags(tokens);
    }

    public boolean has(char flag) {
        return (present & bit(flag)) != 0;
    }

    /** The flag characters in the order the client sent them. */
    public byte[] order() {
        return java.util.Arrays.copyOf(order, orderLength);
    }

    public int orderLength() {
        return orderLength;
    }

    public byte orderAt(int index) {
        return order[index];
    }

    /** The whole O token including its leading 'O', or null. */
    public byte[] opaque() {
        return opaque;
    }

    /** T: new TTL, or {@link #ABSENT}. */
    public long ttl() {
        return ttl;
    }

    /** N: vivify-on-miss TTL, or {@link #ABSENT}. */
    public long vivifyTtl() {
        return vivifyTtl;
    }

    /** R: recache threshold, or {@link #ABSENT}. */
    public long recacheTtl() {
        return recacheTtl;
    }

    /** F: client flags (unsigned 32-bit), 0 when absent. */
    public int clientFlags() {
        return clientFlags;
    }

    /** C: the CAS to compare with, 0 when absent. */
    public long compareCas() {
        return compareCas;
    }

    /** E: the CAS to set, 0 when absent. */
    public long newCas() {
        return newCas;
    }

    /** M: the mode character, 0 when absent. */
    public byte mode() {
        return mode;
    }

    /** J: initial value for ma with N. */
    public long initial() {
        return initial;
    }

    /** D: delta for ma, 1 by default. */
    public long delta() {
        return delta;
    }

    public boolean quiet() {
        return has('q');
    }

    public boolean base64Key() {
        return has('b');
    }

    /** True when {@code flag} was seen before (memcached refuses duplicates). */
    boolean add(byte flag) {
        long b = bit((char) flag);
        if ((present & b) != 0) {
            return false;
        }
        present |= b;
        order[orderLength++] = flag;
        return true;
    }

    private static long bit(char flag) {
        return 1L << (flag - 'A');
    }

    @Override
    public String toString() {
        return "MetaFlags[" + new String(order, 0, orderLength, StandardCharsets.US_ASCII) + "]";
    }
}
