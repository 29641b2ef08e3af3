package io.memcluster.server.store;

import io.memcluster.protocol.StorageVerb;
import static io.memcluster.server.store.StoreFixture.bytes;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

/** set/get/add/replace/append/prepend/delete as a memcached client sees them. */
class StoreBasicsTest {

    private final StoreFixture f = new StoreFixture();

    @Test
    void setThenGetReturnsTheValueAndFlags() {
        assertThat(f.set("k", 42, 0, "hello")).isEqualTo(Outcome.STORED);

        Item it = f.item("k");
        assertThat(StoreFixture.text(it)).isEqualTo("hello");
        assertThat(it.flags()).isEqualTo(42);
        assertThat(it.keyBytes()).isEqualTo(bytes("k"));
    }

    @Test
    void flagsAreUnsigned32Bit() {
        f.set("k", 0xFFFF_FFFF, 0, "v");

        assertThat(Integer.toUnsignedLong(f.item("k").flags())).isEqualTo(4_294_967_295L);
    }

    @Test
    void valuesAreBinaryIncludingLineEnds() {
        StringBuilder all = new StringBuilder();
        for (int b = 0; b < 256; b++) {
            all.append((char) b);
        }
        all.append("\r\nEND\r\n");
        f.set("bin", all.toString());

        assertThat(f.get("bin")).isEqualTo(all.toString());
    }

    @Test
    void anEmptyValueIsAValue() {
        f.set("k", "");

        assertThat(f.get("k")).isEmpty();
    }

    @Test
    void setOverwritesAndKeepsOneItem() {
        f.set("k", "one");
        f.set("k", "two");

        assertThat(f.get("k")).isEqualTo("two");
        assertThat(f.store.itemCount()).isEqualTo(1);
        assertThat(f.store.bytesUsed()).isEqualTo(f.item("k").accountedSize());
    }

    @Test
    void addStoresOnlyWhenMissing() {
        assertThat(f.store(StorageVerb.ADD, "k", 0, 0, "first")).isEqualTo(Outcome.STORED);
        assertThat(f.store(StorageVerb.ADD, "k", 0, 0, "second")).isEqualTo(Outcome.NOT_STORED);

        assertThat(f.get("k")).isEqualTo("first");
    }

    @Test
    void replaceStoresOnlyWhenPresent() {
        assertThat(f.store(StorageVerb.REPLACE, "k", 0, 0, "v")).isEqualTo(Outcome.NOT_STORED);
        assertThat(f.get("k")).isNull();

        f.set("k", "old");
        assertThat(f.store(StorageVerb.REPLACE, "k", 0, 0, "new")).isEqualTo(Outcome.STORED);
        assertThat(f.get("k")).isEqualTo("new");
    }

    @Test
    void appendAndPrependNeedAnExistingItem() {
        assertThat(f.store(StorageVerb.APPEND, "k", 0, 0, "x")).isEqualTo(Outcome.NOT_STORED);
        assertThat(f.store(StorageVerb.PREPEND, "k", 0, 0, "x")).isEqualTo(Outcome.NOT_STORED);

        assertThat(f.get("k")).isNull();
        assertThat(f.store.itemCount()).isZero();
    }

    @Test
    void appendAndPrependConcatenateAndKeepFlagsAndExpiry() {
        f.set("k", 7, 100, "mid");

        assertThat(f.store(StorageVerb.APPEND, "k", 9, 0, "\r\nend")).isEqualTo(Outcome.STORED);
        assertThat(f.store(StorageVerb.PREPEND, "k", 9, 5, "start-")).isEqualTo(Outcome.STORED);

        assertThat(f.get("k")).isEqualTo("start-mid\r\nend");
        assertThat(f.item("k").flags()).isEqualTo(7);
        f.advance(99);
        assertThat(f.get("k")).isNotNull();
        f.advance(1);
        assertThat(f.get("k")).isNull();
    }

    @Test
    void appendWithVivifyCreatesAMissingItem() {
        Outcome outcome = f.store.store(StorageVerb.APPEND, bytes("k"), 3, 0, bytes("v"), 0, 0, false, false, 10,
                f.result);

        assertThat(outcome).isEqualTo(Outcome.STORED);
        assertThat(f.get("k")).isEqualTo("v");
        f.advance(10);
        assertThat(f.get("k")).isNull();
    }

    @Test
    void deleteRemovesOnce() {
        f.set("k", "v");

        assertThat(f.store.delete(bytes("k"))).isEqualTo(Outcome.DELETED);
        assertThat(f.store.delete(bytes("k"))).isEqualTo(Outcome.NOT_FOUND);
        assertThat(f.get("k")).isNull();
        assertThat(f.store.bytesUsed()).isZero();
        assertThat(f.store.itemCount()).isZero();
    }

    @Test
    void keysAreComparedByteForByte() {
        f.set("key", "lower");
        f.set("KEY", "upper");
        f.set("ke", "short");

        assertThat(f.get("key")).isEqualTo("lower");
        assertThat(f.get("KEY")).isEqualTo("upper");
        assertThat(f.get("ke")).isEqualTo("short");
        assertThat(f.get("keyx")).isNull();
    }

    @Test
    void manyKeysStayFindableAsTablesGrow() {
        for (int i = 0; i < 20_000; i++) {
            f.set("key:" + i, "v" + i);
        }

        for (int i = 0; i < 20_000; i++) {
            assertThat(f.get("key:" + i)).isEqualTo("v" + i);
        }
        assertThat(f.store.itemCount()).isEqualTo(20_000);
    }

    @Test
    void totalItemsCountsEveryLink() {
        f.set("a", "1");
        f.set("a", "2");
        f.set("b", "3");

        assertThat(f.store.counters().totalItems.sum()).isEqualTo(3);
    }

    @Test
    void aLimitMustBePositive() {
        assertThatThrownBy(() -> new Store(0, f.clock))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("0");
        assertThatThrownBy(() -> f.store.setMemoryLimit(-1))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("-1");
    }
}
