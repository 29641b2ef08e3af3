package io.memcluster.server.store;

import static io.memcluster.server.store.StoreFixture.bytes;
import static org.assertj.core.api.Assertions.assertThat;

import io.memcluster.hashing.KetamaPoint;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * Versioned writes and deletes (ms/md with E and V): last writer wins by version whatever order
 * they arrive in, deletes leave tombstones that stop older writes, and the namespace digests of
 * two stores that received the same changes in different orders are equal.
 */
class StoreVersionsTest {

    private final StoreFixture f = new StoreFixture();

    private Outcome put(String key, String value, long version) {
        return put(f, key, value, version);
    }

    private static Outcome put(StoreFixture on, String key, String value, long version) {
        return on.store.storeVersioned(bytes(key), 0, 0, bytes(value), version, false, on.result);
    }

    private Outcome delete(String key, long version) {
        return delete(f, key, version);
    }

    private static Outcome delete(StoreFixture on, String key, long version) {
        return on.store.deleteVersioned(bytes(key), version, false, on.result);
    }

    @Test
    void aNewerVersionReplacesAndAnOlderOrEqualOneIsRefused() {
        assertThat(put("k", "v10", 10)).isEqualTo(Outcome.STORED);
        assertThat(f.item("k").cas()).isEqualTo(10);
        assertThat(put("k", "v5", 5)).isEqualTo(Outcome.NOT_STORED);
        assertThat(put("k", "again", 10)).isEqualTo(Outcome.NOT_STORED);
        assertThat(f.get("k")).isEqualTo("v10");
        assertThat(put("k", "v11", 11)).isEqualTo(Outcome.STORED);
        assertThat(f.get("k")).isEqualTo("v11");
        assertThat(f.item("k").cas()).isEqualTo(11);
    }

    @Test
    void versionsCompareUnsigned() {
        long high = 0x8000_0000_0000_0000L; // a version with the top bit set is larger, not negative
        assertThat(put("k", "high", high)).isEqualTo(Outcome.STORED);
        assertThat(put("k", "low", 7)).isEqualTo(Outcome.NOT_STORED);
        assertThat(f.get("k")).isEqualTo("high");
    }

    @Test
    void aDeleteOlderThanTheItemIsRefusedAndANewerOneLeavesATombstone() {
        put("k", "v", 10);
        assertThat(delete("k", 9)).isEqualTo(Outcome.EXISTS);
        assertThat(f.get("k")).isEqualTo("v");
        assertThat(delete("k", 12)).isEqualTo(Outcome.DELETED);
        assertThat(f.get("k")).isNull();
        assertThat(f.store.tombstoneCount()).isEqualTo(1);
        assertThat(f.store.itemCount()).isZero();
        assertThat(f.store.tombstoneBytes()).isEqualTo(1 + Tombstone.OVERHEAD);
    }

    @Test
    void aTombstoneStopsOlderWritesAndANewerWriteReplacesIt() {
        put("k", "v", 10);
        delete("k", 20);
        assertThat(put("k", "late copy", 15)).isEqualTo(Outcome.NOT_STORED);
        assertThat(put("k", "same", 20)).isEqualTo(Outcome.NOT_STORED);
        assertThat(f.get("k")).isNull();
        assertThat(put("k", "newer", 21)).isEqualTo(Outcome.STORED);
        assertThat(f.get("k")).isEqualTo("newer");
        assertThat(f.store.tombstoneCount()).isZero();
    }

    @Test
    void aDeleteOfAMissingKeyStillLeavesATombstone() {
        assertThat(delete("k", 30)).isEqualTo(Outcome.NOT_FOUND);
        assertThat(f.store.tombstoneCount()).isEqualTo(1);
        assertThat(put("k", "missed delete's write", 29)).isEqualTo(Outcome.NOT_STORED);
        assertThat(delete("k", 25)).isEqualTo(Outcome.NOT_FOUND);
        assertThat(put("k", "after", 31)).isEqualTo(Outcome.STORED);
    }

    @Test
    void aPlainWriteOverATombstoneRemovesIt() {
        delete("k", 30);
        assertThat(f.set("k", "plain")).isEqualTo(Outcome.STORED);
        assertThat(f.store.tombstoneCount()).isZero();
        assertThat(f.get("k")).isEqualTo("plain");
    }

    @Test
    void tombstonesGoOnceTheRetentionPasses() {
        f.store.setTombstoneRetention(60);
        delete("a", 10);
        f.clock.advanceSeconds(30);
        delete("b", 11);
        f.clock.advanceSeconds(31);
        // the next versioned delete in each segment, or the crawler's pass, expires what is due
        f.store.reapExpired(1 << 16);
        assertThat(f.store.tombstoneCount()).isEqualTo(1);
        assertThat(put("a", "old write, tombstone gone", 5)).isEqualTo(Outcome.STORED);
        assertThat(put("b", "still refused", 5)).isEqualTo(Outcome.NOT_STORED);
        assertThat(f.store.tombstonesExpired()).isEqualTo(1);
    }

    @Test
    void tombstonesStayWithinASixteenthOfTheMemoryLimit() {
        StoreFixture small = new StoreFixture(64 * 1024 * 64);
        for (int i = 0; i < 20_000; i++) {
            delete(small, "key" + i, i + 1);
        }
        assertThat(small.store.tombstoneBytes()).isLessThanOrEqualTo(64 * 1024 * 64 / 16);
        assertThat(small.store.tombstonesDropped()).isPositive();
        assertThat(small.store.tombstoneCount() + small.store.tombstonesDropped()).isEqualTo(20_000);
    }

    @Test
    void flushAllRemovesTombstonesAndEmptiesTheDigest() {
        put("k", "v", 10);
        delete("j", 11);
        f.store.flushAll(0);
        assertThat(f.store.tombstoneCount()).isZero();
        VersionDigest digest = f.store.namespace("default").digest();
        for (int s = 0; s < VersionDigest.SEGMENTS; s++) {
            assertThat(digest.count(s)).isZero();
            assertThat(digest.xor(s)).isZero();
        }
    }

    @Test
    void theDigestSegmentIsTheKeysKetamaArc() {
        put("cart.42", "v", 10);
        int segment = KetamaPoint.digestSegment(KetamaPoint.of(bytes("cart.42")));
        VersionDigest digest = f.store.namespace("cart").digest();
        assertThat(digest.count(segment)).isEqualTo(1);
        assertThat(digest.highest(segment)).isEqualTo(10);
        assertThat(f.item("cart.42").digestSegment()).isEqualTo(segment);
    }

    @Test
    void twoReplicasThatSawTheSameChangesInAnyOrderHaveEqualDigests() {
        List<long[]> changes = new ArrayList<>(); // key index, version, 1 = delete
        Random random = new Random(42);
        for (int i = 0; i < 5_000; i++) {
            changes.add(new long[] {random.nextInt(700), i + 1, random.nextInt(4) == 0 ? 1 : 0});
        }
        StoreFixture a = new StoreFixture();
        StoreFixture b = new StoreFixture();
        apply(a, changes);
        List<long[]> shuffled = new ArrayList<>(changes);
        Collections.shuffle(shuffled, new Random(7));
        apply(b, shuffled);
        assertThat(a.store.itemCount()).isEqualTo(b.store.itemCount());
        assertThat(a.store.tombstoneCount()).isEqualTo(b.store.tombstoneCount());
        assertThat(differingSegments(a, b)).isEmpty();

        // one missed write shows in exactly the segment of its key
        put(a, "key7", "only on a", 1_000_000);
        int expected = KetamaPoint.digestSegment(KetamaPoint.of(bytes("key7")));
        assertThat(differingSegments(a, b)).containsExactly(expected);
    }

    private static void apply(StoreFixture on, List<long[]> changes) {
        for (long[] c : changes) {
            String key = "key" + c[0];
            if (c[2] == 1) {
                delete(on, key, c[1]);
            } else {
                put(on, key, "v" + c[1], c[1]);
            }
        }
    }

    private static List<Integer> differingSegments(StoreFixture a, StoreFixture b) {
        VersionDigest da = a.store.namespace("default").digest();
        VersionDigest db = b.store.namespace("default").digest();
        List<Integer> differing = new ArrayList<>();
        for (int s = 0; s < VersionDigest.SEGMENTS; s++) {
            if (da.count(s) != db.count(s) || da.xor(s) != db.xor(s)) {
                differing.add(s);
            }
        }
        return differing;
    }
}
