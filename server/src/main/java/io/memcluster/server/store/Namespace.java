package io.memcluster.server.store;

import java.util.concurrent.atomic.AtomicLong;

/**
 * A namespace's live accounting (which key belongs where is
 * {@link io.memcluster.auth.Namespaces}'s rule). Counters are updated under
 * segment locks of different segments at once, hence atomics.
 */
public final class Namespace {

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

    /** The highest CAS (version) ever stored in this namespace, unsigned like every CAS. */
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
        while (Long.compareUnsigned(cas, seen = maxCas.get()) > 0 && !maxCas.compareAndSet(seen, cas)) {
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
}
