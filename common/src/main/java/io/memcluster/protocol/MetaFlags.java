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

    /** Flags built rather than parsed: for a client (or the coordinator) writing meta commands. */
    public static Builder builder() {
        return new Builder();
    }

    /**
     * These flags, in their order, without the given letters: what the coordinator sends a node
     * for a client's command (without {@code q}, whose silence it applies itself, so that every
     * request it sends gets a reply).
     */
    public Builder toBuilder(char... without) {
        Builder b = new Builder();
        outer:
        for (int i = 0; i < orderLength; i++) {
            byte flag = order[i];
            for (char skip : without) {
                if (flag == skip) {
                    continue outer;
                }
            }
            b.add(flag);
        }
        copyValuesTo(b.f);
        return b;
    }

    /** The flags' tokens, whichever flags are present: what a copy keeps besides the order. */
    private void copyValuesTo(MetaFlags target) {
        target.opaque = opaque;
        target.ttl = ttl;
        target.vivifyTtl = vivifyTtl;
        target.recacheTtl = recacheTtl;
        target.clientFlags = clientFlags;
        target.compareCas = compareCas;
        target.newCas = newCas;
        target.mode = mode;
        target.initial = initial;
        target.delta = delta;
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

    /**
     * Meta flags put together in code, each at most once, in the order added (which is the order
     * a server returns them in). Values are not range-checked: they come from parsed commands or
     * from code, never from a person.
     */
    public static final class Builder {
        private final MetaFlags f = new MetaFlags(26 * 2);

        private Builder() {
        }

        /** A flag without a token: {@code v}, {@code f}, {@code c}, {@code t}, {@code k}, {@code q}, ... */
        public Builder flag(char letter) {
            return add((byte) letter);
        }

        /** T: the new TTL, with exptime's rules. */
        public Builder ttl(long seconds) {
            f.ttl = seconds;
            return add((byte) 'T');
        }

        /** N: create on a miss with this TTL. */
        public Builder vivify(long seconds) {
            f.vivifyTtl = seconds;
            return add((byte) 'N');
        }

        /** F: client flags, unsigned 32-bit. */
        public Builder clientFlags(int flags) {
            f.clientFlags = flags;
            return add((byte) 'F');
        }

        /** C: compare with this CAS. */
        public Builder compareCas(long cas) {
            f.compareCas = cas;
            return add((byte) 'C');
        }

        /** E: give the item this CAS. */
        public Builder newCas(long cas) {
            f.newCas = cas;
            return add((byte) 'E');
        }

        /** M: the mode character. */
        public Builder mode(char mode) {
            f.mode = (byte) mode;
            return add((byte) 'M');
        }

        /** J: ma's initial value with N. */
        public Builder initial(long value) {
            f.initial = value;
            return add((byte) 'J');
        }

        /** D: ma's delta. */
        public Builder delta(long value) {
            f.delta = value;
            return add((byte) 'D');
        }

        /** Whether the flag is there already. */
        public boolean has(char letter) {
            return f.has(letter);
        }

        public MetaFlags build() {
            MetaFlags built = new MetaFlags(f.orderLength);
            for (int i = 0; i < f.orderLength; i++) {
                built.add(f.order[i]);
            }
            f.copyValuesTo(built);
            return built;
        }

        private Builder add(byte letter) {
            if (!f.add(letter)) {
                throw new IllegalArgumentException("meta flag " + (char) letter + " given twice");
            }
            return this;
        }
    }

    @Override
    public String toString() {
        return "MetaFlags[" + new String(order, 0, orderLength, StandardCharsets.US_ASCII) + "]";
    }
}
