package io.memcluster.server.store;

import io.memcluster.protocol.StorageVerb;
import static io.memcluster.server.store.StoreFixture.bytes;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.Random;
import org.junit.jupiter.api.Test;

/** The hard byte limit, eviction and its counters. */
class StoreMemoryTest {

    @Test
    void bytesUsedNeverExceedsTheLimitUnderARandomMix() {
        long limit = 256 * 1024;
        StoreFixture f = new StoreFixture(limit);
        Random random = new Random(20260101L);
        int setsRefused = 0;
        for (int op = 0; op < 50_000; op++) {
            String key = "key:" + random.nextInt(5_000);
            switch (random.nextInt(6)) {
                case 0, 1 -> {
                    if (f.set(key, random.nextInt(100), 0, "x".repeat(random.nextInt(3_000))) != Outcome.STORED) {
                        setsRefused++;
                    }
                }
                case 2 -> f.store(StorageVerb.APPEND, key, 0, 0, "y".repeat(random.nextInt(500)));
                case 3 -> {
                    f.set(key, Long.toUnsignedString(random.nextLong()));
                    f.incr(key, random.nextLong());
                }
                case 4 -> f.store.delete(bytes(key));
                default -> f.get(key);
            }
            assertThat(f.store.bytesUsed()).as("bytes used after op %d", op).isLessThanOrEqualTo(limit);
        }

        assertThat(setsRefused).isZero();
        assertThat(f.store.counters().evictions.sum()).isPositive();
        assertThat(f.store.bytesUsed()).isEqualTo(f.liveBytes());
    }

    @Test
    void evictionsAreCounted() {
        StoreFixture f = new StoreFixture(100 * 200);
        for (int i = 0; i < 1_000; i++) {
            assertThat(f.set("k" + i, "v".repeat(100))).isEqualTo(Outcome.STORED);
        }

        long evictions = f.store.counters().evictions.sum();
        assertThat(evictions).isEqualTo(1_000 - f.store.itemCount());
        assertThat(evictions).isGreaterThan(850);
        assertThat(f.store.counters().evictedUnfetched.sum()).isEqualTo(evictions);
        assertThat(f.get("k999")).isNotNull();
    }

    @Test
    void anItemReadOftenSurvivesManyWrites() {
        String value = "v".repeat(100);
        long itemSize = Item.OVERHEAD + "k00000".length() + value.length();
        StoreFixture f = new StoreFixture(2_000 * itemSize);
        f.set("hot", value);
        f.set("cold", value);

        for (int i = 0; i < 20_000; i++) {
            f.set(String.format("k%05d", i), value);
            assertThat(f.get("hot")).as("hot key after %d writes", i).isEqualTo(value);
        }

        assertThat(f.get("cold")).isNull();
        assertThat(f.store.counters().evictions.sum()).isGreaterThan(17_000);
    }

    @Test
    void anItemLargerThanTheLimitIsRefused() {
        StoreFixture f = new StoreFixture(10_000);
        f.set("small", "v");
        long before = f.store.bytesUsed();

        assertThat(f.set("big", "x".repeat(10_000))).isEqualTo(Outcome.NO_MEMORY);

        assertThat(f.get("big")).isNull();
        assertThat(f.get("small")).isEqualTo("v");
        assertThat(f.store.bytesUsed()).isEqualTo(before);
    }

    @Test
    void aSetThatCannotFitRemovesTheOldValue() {
        StoreFixture f = new StoreFixture(10_000);
        f.set("k", "old");

        assertThat(f.set("k", "x".repeat(10_000))).isEqualTo(Outcome.NO_MEMORY);

        assertThat(f.get("k")).isNull();
        assertThat(f.store.bytesUsed()).isZero();
    }

    @Test
    void anAppendThatCannotFitKeepsTheOldValue() {
        StoreFixture f = new StoreFixture(10_000);
        f.set("k", "old");

        assertThat(f.store(StorageVerb.APPEND, "k", 0, 0, "x".repeat(10_000))).isEqualTo(Outcome.NO_MEMORY);

        assertThat(f.get("k")).isEqualTo("old");
    }

    @Test
    void aSetMayReplaceAnItemThatTakesMostOfTheLimit() {
        // node.max_item_size may be as large as node.memory: the new value only needs the old one's room
        StoreFixture f = new StoreFixture(10_000);
        f.set("other", "v");
        f.set("k", "a".repeat(6_000));

        assertThat(f.set("k", "b".repeat(6_000))).isEqualTo(Outcome.STORED);

        assertThat(f.get("k")).isEqualTo("b".repeat(6_000));
        assertThat(f.store.bytesUsed()).isLessThanOrEqualTo(10_000).isEqualTo(f.liveBytes());
    }

    @Test
    void aLowerLimitEvictsDownToIt() {
        StoreFixture f = new StoreFixture(1024 * 1024);
        for (int i = 0; i < 2_000; i++) {
            f.set("k" + i, "v".repeat(1_000));
        }
        assertThat(f.store.bytesUsed()).isGreaterThan(900 * 1024);
        long evictionsBefore = f.store.counters().evictions.sum();

        f.store.setMemoryLimit(256 * 1024);

        assertThat(f.store.memoryLimit()).isEqualTo(256 * 1024);
        assertThat(f.store.bytesUsed()).isLessThanOrEqualTo(256 * 1024).isEqualTo(f.liveBytes());
        assertThat(f.store.counters().evictions.sum() - evictionsBefore).isGreaterThan(600);
        assertThat(f.set("after", "v".repeat(1_000))).isEqualTo(Outcome.STORED);
        assertThat(f.store.bytesUsed()).isLessThanOrEqualTo(256 * 1024);
    }

    @Test
    void aHigherLimitLetsMoreItemsIn() {
        StoreFixture f = new StoreFixture(100 * 200);
        f.store.setMemoryLimit(1000 * 200);

        for (int i = 0; i < 900; i++) {
            f.set("k" + i, "v".repeat(100));
        }

        assertThat(f.store.itemCount()).isEqualTo(900);
        assertThat(f.store.counters().evictions.sum()).isZero();
    }

    @Test
    void anExpiredItemMadeRoomForIsReclaimedNotEvicted() {
        StoreFixture f = new StoreFixture(100 * 200);
        for (int i = 0; i < 100; i++) {
            f.set("old" + i, 0, 5, "v".repeat(100));
        }
        f.advance(5);

        for (int i = 0; i < 5; i++) {
            f.set("new" + i, "v".repeat(100));
        }

        assertThat(f.store.counters().evictions.sum()).isZero();
        assertThat(f.store.counters().reclaimed.sum()).isPositive();
        assertThat(f.store.counters().expiredUnfetched.sum()).isEqualTo(f.store.counters().reclaimed.sum());
    }
}
