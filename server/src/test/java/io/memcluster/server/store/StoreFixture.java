package io.memcluster.server.store;

import io.memcluster.protocol.StorageVerb;
import io.memcluster.time.ManualClock;
import java.nio.charset.StandardCharsets;
import java.util.Map;

/**
 * A store on a manual clock with one-line calls for the store's long parameter lists. Values
 * and keys are written as ISO-8859-1 strings so every byte value round-trips.
 */
final class StoreFixture {

    static final long ROOMY = 64L * 1024 * 1024;

    final ManualClock clock = new ManualClock();
    final Store store;
    final Result result = new Result();

    StoreFixture() {
        this(ROOMY);
    }

    StoreFixture(long limit) {
        store = new Store(limit, clock);
    }

    /** @param quotas bytes by namespace */
    StoreFixture(long limit, Map<String, Long> quotas) {
        store = new Store(limit, quotas, clock);
    }

    static byte[] bytes(String s) {
        return s.getBytes(StandardCharsets.ISO_8859_1);
    }

    static String text(Item it) {
        return new String(it.data(), it.valueOffset(), it.valueLength(), StandardCharsets.ISO_8859_1);
    }

    Outcome set(String key, String value) {
        return store(StorageVerb.SET, key, 0, 0, value);
    }

    Outcome set(String key, int flags, long exptime, String value) {
        return store(StorageVerb.SET, key, flags, exptime, value);
    }

    Outcome store(StorageVerb mode, String key, int flags, long exptime, String value) {
        return store.store(mode, bytes(key), flags, exptime, bytes(value), 0, 0, false, false, Store.NO_TTL,
                result);
    }

    Outcome cas(String key, String value, long compareCas) {
        return store.store(StorageVerb.CAS, bytes(key), 0, 0, bytes(value), compareCas, 0, false, false,
                Store.NO_TTL, result);
    }

    /** The value a get returns, or null on a miss. */
    String get(String key) {
        Item it = store.get(bytes(key));
        return it == null ? null : text(it);
    }

    Item item(String key) {
        return store.get(bytes(key));
    }

    Outcome incr(String key, long delta) {
        return store.arithmetic(bytes(key), true, delta, 0, 0, Store.NO_TTL, 0, Store.NO_TTL, result);
    }

    Outcome decr(String key, long delta) {
        return store.arithmetic(bytes(key), false, delta, 0, 0, Store.NO_TTL, 0, Store.NO_TTL, result);
    }

    /** mg with only the flags that change what a read does. */
    Result metaGet(String key, long newTtl, long vivifyTtl, long recacheTtl) {
        store.metaGet(bytes(key), true, newTtl, vivifyTtl, recacheTtl, 0, false, result);
        return result;
    }

    Result metaGet(String key) {
        return metaGet(key, Store.NO_TTL, Store.NO_TTL, Store.NO_TTL);
    }

    void advance(long seconds) {
        clock.advanceSeconds(seconds);
    }

    /** Unix seconds now, as a client computes an absolute exptime. */
    long unixNow() {
        return clock.seconds();
    }

    /** The sum of accountedSize() over the items the store still shows. */
    long liveBytes() {
        long[] sum = {0};
        store.forEachLive(it -> sum[0] += it.accountedSize());
        return sum[0];
    }
}
