package io.memcluster.server.store;

import io.memcluster.protocol.StorageVerb;
import static io.memcluster.server.store.StoreFixture.bytes;
import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** CAS uniques, the cas command and explicit versions (ms E). */
class StoreCasTest {

    private final StoreFixture f = new StoreFixture();

    @Test
    void everyStoreGetsAStrictlyLargerUnique() {
        long previous = 0;
        for (int i = 0; i < 5; i++) {
            f.set("a", "v" + i);
            f.set("b", "1");
            f.store(StorageVerb.APPEND, "a", 0, 0, "x");
            f.incr("b", 1);
            for (String key : new String[] {"a", "b"}) {
                long cas = f.item(key).cas();
                assertThat(cas).isGreaterThan(previous);
                previous = cas;
            }
        }
    }

    @Test
    void casWithTheCurrentUniqueStores() {
        f.set("k", "old");
        long unique = f.item("k").cas();

        assertThat(f.cas("k", "new", unique)).isEqualTo(Outcome.STORED);

        assertThat(f.get("k")).isEqualTo("new");
        assertThat(f.item("k").cas()).isGreaterThan(unique);
    }

    @Test
    void casWithAnOldUniqueIsRefused() {
        f.set("k", "first");
        long seen = f.item("k").cas();
        f.set("k", "second");

        assertThat(f.cas("k", "mine", seen)).isEqualTo(Outcome.EXISTS);
        assertThat(f.cas("k", "mine", 0)).isEqualTo(Outcome.EXISTS);

        assertThat(f.get("k")).isEqualTo("second");
    }

    @Test
    void casOnAMissingKeyIsNotFound() {
        assertThat(f.cas("k", "v", 1)).isEqualTo(Outcome.NOT_FOUND);

        assertThat(f.get("k")).isNull();
    }

    @Test
    void casOnAnExpiredKeyIsNotFound() {
        f.set("k", 0, 10, "v");
        long unique = f.item("k").cas();
        f.advance(10);

        assertThat(f.cas("k", "v2", unique)).isEqualTo(Outcome.NOT_FOUND);
    }

    @Test
    void anExplicitCasBecomesTheItemsCas() {
        f.set("before", "v");

        Outcome outcome = f.store.store(StorageVerb.SET, bytes("k"), 0, 0, bytes("v"), 0, 1_000_000L, false, false,
                Store.NO_TTL, f.result);

        assertThat(outcome).isEqualTo(Outcome.STORED);
        assertThat(f.result.item.cas()).isEqualTo(1_000_000L);
        assertThat(f.item("k").cas()).isEqualTo(1_000_000L);
        assertThat(f.cas("k", "v2", 1_000_000L)).isEqualTo(Outcome.STORED);
    }

    @Test
    void automaticUniquesStayAboveAnExplicitCas() {
        long version = 0x0190_0000_0000_0001L;
        f.store.store(StorageVerb.SET, bytes("versioned"), 0, 0, bytes("v"), 0, version, false, false, Store.NO_TTL,
                f.result);

        f.set("later", "v");

        assertThat(f.item("later").cas()).isGreaterThan(version);
    }

    @Test
    void anExplicitCasBelowTheCounterDoesNotPullItBack() {
        for (int i = 0; i < 10; i++) {
            f.set("k" + i, "v");
        }
        long highest = f.item("k9").cas();

        f.store.store(StorageVerb.SET, bytes("low"), 0, 0, bytes("v"), 0, 3, false, false, Store.NO_TTL, f.result);
        f.set("next", "v");

        assertThat(f.item("low").cas()).isEqualTo(3);
        assertThat(f.item("next").cas()).isGreaterThan(highest);
    }

    @Test
    void appendChecksACasWhenGiven() {
        f.set("k", "a");
        long unique = f.item("k").cas();

        Outcome wrong = f.store.store(StorageVerb.APPEND, bytes("k"), 0, 0, bytes("b"), unique + 1, 0, false, false,
                Store.NO_TTL, f.result);
        Outcome right = f.store.store(StorageVerb.APPEND, bytes("k"), 0, 0, bytes("c"), unique, 0, false, false,
                Store.NO_TTL, f.result);

        assertThat(wrong).isEqualTo(Outcome.EXISTS);
        assertThat(right).isEqualTo(Outcome.STORED);
        assertThat(f.get("k")).isEqualTo("ac");
    }

    @Test
    void anInvalidatingCasWithAnOlderUniqueStoresAStaleValue() {
        f.set("k", "first");
        long old = f.item("k").cas();
        f.set("k", "second");

        Outcome outcome = f.store.store(StorageVerb.CAS, bytes("k"), 0, 0, bytes("late"), old, 0, false, true,
                Store.NO_TTL, f.result);

        assertThat(outcome).isEqualTo(Outcome.STORED);
        Result r = f.metaGet("k");
        assertThat(StoreFixture.text(r.item)).isEqualTo("late");
        assertThat(r.stale).isTrue();
    }

    @Test
    void anInvalidatingCasWithANewerUniqueIsStillRefused() {
        f.set("k", "v");
        long current = f.item("k").cas();

        Outcome outcome = f.store.store(StorageVerb.CAS, bytes("k"), 0, 0, bytes("x"), current + 100, 0, false, true,
                Store.NO_TTL, f.result);

        assertThat(outcome).isEqualTo(Outcome.EXISTS);
        assertThat(f.get("k")).isEqualTo("v");
    }
}
