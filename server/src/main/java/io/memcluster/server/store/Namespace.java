package io.memcluster.server.store;

import java.util.concurrent.atomic.AtomicLong;

/**
 * A namespace's live accounting: a key {@code ns.rest} belongs to {@code ns} when {@code ns} is
 * 1-64 ASCII letters or digits, every other key to {@code default}. Counters are updated under
 * segment locks of different segments at once, hence atomics.
 */
public final class Namespace {

    public static final String DEFAULT = "default";
    static final int MAX_LENGTH = 64;

    private final String name;
    private final byte[] nameBytes;
    private final AtomicLong items = new AtomicLong();
    private final AtomicLong bytes = new AtomicLong();
    private final AtomicLong maxCas = new AtomicLong();

    Namespace(String name) {
        this.name = name;
        this.nameBytes = name.getBytes(java.nio.charset.StandardCharsets.US_ASCII);
    }

    public String name() {
        return name;
    }

    public long items() {
        return items.get();
    }

    public long bytes() {
        return bytes.get();
    }

    /** The highest CAS (version) ever stored in this namespace. */
    public long maxCas() {
        return maxCas.get();
    }

    void added(Item item) {
        items.incrementAndGet();
        bytes.addAndGet(item.accountedSize());
        observeCas(item.cas);
    }

    void observeCas(long cas) {
        long seen;
        while (cas > (seen = maxCas.get()) && !maxCas.compareAndSet(seen, cas)) {
            // retry: another segment raised it concurrently
        }
    }

    void removed(Item item) {
        items.decrementAndGet();
        bytes.addAndGet(-item.accountedSize());
    }

    boolean nameEquals(byte[] key, int length) {
        return length == nameBytes.length && java.util.Arrays.equals(nameBytes, 0, length, key, 0, length);
    }

    /**
     * Length of the namespace prefix of {@code key} (before the first dot), or -1 when the key
     * belongs to {@code default}.
     */
    static int prefixLength(byte[] key) {
        int limit = Math.min(key.length, MAX_LENGTH + 1);
        for (int i = 0; i < limit; i++) {
            byte b = key[i];
            if (b == '.') {
                return i == 0 ? -1 : i;
            }
            if (!((b >= 'a' && b <= 'z') || (b >= 'A' && b <= 'Z') || (b >= '0' && b <= '9'))) {
                return -1;
            }
        }
        return -1;
    }
}
