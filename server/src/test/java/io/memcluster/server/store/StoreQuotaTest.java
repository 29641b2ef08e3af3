package io.memcluster.server.store;

import static io.memcluster.server.store.StoreFixture.bytes;
import static org.assertj.core.api.Assertions.assertThat;

import io.memcluster.protocol.StorageVerb;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Namespace quotas: a namespace at its quota evicts its own items, and only its own. */
class StoreQuotaTest {

    private static final String VALUE = "v".repeat(100);
    /** cart.0000001 and orders.00001 are both 12 bytes: every item below costs the same. */
    private static final long ITEM = 12 + VALUE.length() + Item.OVERHEAD;

    @Test
    void aWriterFillingItsQuotaEvictsOnlyItsOwnItems() {
        StoreFixture f = new StoreFixture(StoreFixture.ROOMY, Map.of("cart", 100 * ITEM, "orders", 50 * ITEM));
        for (int i = 0; i < 30; i++) {
            f.set(orders(i), VALUE);
            f.set(plain(i), VALUE);
        }

        for (int i = 0; i < 1_000; i++) {
            assertThat(f.set(cart(i), VALUE)).as("cart item %d", i).isEqualTo(Outcome.STORED);
        }

        for (int i = 0; i < 30; i++) {
            assertThat(f.get(orders(i))).as(orders(i)).isEqualTo(VALUE);
            assertThat(f.get(plain(i))).as(plain(i)).isEqualTo(VALUE);
        }
        Namespace cart = f.store.namespace("cart");
        assertThat(cart.items()).isEqualTo(100);
        assertThat(cart.bytes()).isEqualTo(cart.quota()).isEqualTo(100 * ITEM);
        assertThat(cart.evictions()).isEqualTo(900);
        assertThat(f.store.namespace("orders").evictions()).isZero();
        assertThat(f.store.namespace("default").evictions()).isZero();
        assertThat(f.store.counters().evictions.sum()).isEqualTo(900);
        assertThat(f.get(cart(999))).isEqualTo(VALUE);
    }

    @Test
    void aNamespaceEvictsItsOldestItemsFirst() {
        // each segment gives up its oldest cart item in turn: the order is approximate across
        // segments, but what was written first is long gone
        StoreFixture f = new StoreFixture(StoreFixture.ROOMY, Map.of("cart", 100 * ITEM));
        for (int i = 0; i < 1_000; i++) {
            f.set(cart(i), VALUE);
        }

        for (int i = 0; i < 100; i++) {
            assertThat(f.store.peek(bytes(cart(i)))).as(cart(i)).isNull();
        }
    }

    @Test
    void anItemReadOftenSurvivesItsOwnNamespacesWrites() {
        StoreFixture f = new StoreFixture(StoreFixture.ROOMY, Map.of("cart", 2_000 * ITEM));
        f.set("cart.hot", VALUE);
        f.set("cart.cold", VALUE);

        for (int i = 0; i < 20_000; i++) {
            f.set(cart(i), VALUE);
            assertThat(f.get("cart.hot")).as("hot key after %d writes", i).isEqualTo(VALUE);
        }

        assertThat(f.get("cart.cold")).isNull();
        assertThat(f.store.namespace("cart").evictions()).isGreaterThan(17_000);
    }

    @Test
    void theStoresLimitStillEvictsAcrossNamespacesWhenNoQuotaIsHit() {
        StoreFixture f = new StoreFixture(2_000 * ITEM, Map.of("cart", 1_500 * ITEM));
        for (int i = 0; i < 1_500; i++) {
            f.set(orders(i), VALUE);
        }
        f.advance(1);

        for (int i = 0; i < 1_000; i++) {
            f.set(cart(i), VALUE);
        }

        // cart is under its quota: the store's limit takes the least recently used, which are orders'
        assertThat(f.store.bytesUsed()).isEqualTo(2_000 * ITEM);
        assertThat(f.store.namespace("cart").items()).isEqualTo(1_000);
        assertThat(f.store.namespace("cart").evictions()).isZero();
        assertThat(f.store.namespace("orders").items()).isEqualTo(1_000);
        assertThat(f.store.namespace("orders").evictions()).isEqualTo(500);
        assertThat(f.store.counters().evictions.sum()).isEqualTo(500);
    }

    @Test
    void aQuotaIsACeilingNotAReservation() {
        // a namespace without a quota may still take a quota'd namespace's room under the store's limit
        StoreFixture f = new StoreFixture(2_000 * ITEM, Map.of("cart", 1_500 * ITEM));
        for (int i = 0; i < 1_000; i++) {
            f.set(cart(i), VALUE);
        }
        f.advance(1);

        for (int i = 0; i < 1_500; i++) {
            f.set(orders(i), VALUE);
        }

        assertThat(f.store.namespace("cart").evictions()).isEqualTo(500);
        assertThat(f.store.namespace("orders").items()).isEqualTo(1_500);
        assertThat(f.store.bytesUsed()).isEqualTo(2_000 * ITEM);
    }

    @Test
    void anItemLargerThanItsQuotaIsRefusedAndEvictsNothing() {
        StoreFixture f = new StoreFixture(StoreFixture.ROOMY, Map.of("cart", 1_000L));
        f.set("cart.small", "v");
        f.set("orders.1", "x".repeat(5_000));
        long before = f.store.namespace("cart").bytes();

        assertThat(f.set("cart.big", "x".repeat(1_000))).isEqualTo(Outcome.NO_MEMORY);

        assertThat(f.get("cart.big")).isNull();
        assertThat(f.get("cart.small")).isEqualTo("v");
        assertThat(f.store.namespace("cart").bytes()).isEqualTo(before);
        assertThat(f.store.counters().evictions.sum()).isZero();
        assertThat(f.store.bytesUsed()).isEqualTo(f.liveBytes());
    }

    @Test
    void aSetThatCannotFitItsQuotaRemovesTheOldValue() {
        // as under the store's limit: a failed set must not leave the previous value readable
        StoreFixture f = new StoreFixture(StoreFixture.ROOMY, Map.of("cart", 1_000L));
        f.set("cart.k", "old");

        assertThat(f.set("cart.k", "x".repeat(1_000))).isEqualTo(Outcome.NO_MEMORY);

        assertThat(f.get("cart.k")).isNull();
        assertThat(f.store.namespace("cart").bytes()).isZero();
        assertThat(f.store.bytesUsed()).isZero();
    }

    @Test
    void anAppendEvictsOtherItemsOfItsNamespaceButNeverTheOneItGrows() {
        StoreFixture f = new StoreFixture(StoreFixture.ROOMY, Map.of("cart", 3 * ITEM));
        f.set(cart(1), VALUE);
        f.set(cart(2), VALUE);
        f.set(cart(3), VALUE);
        f.get(cart(2));
        f.get(cart(3));

        assertThat(f.store(StorageVerb.APPEND, cart(1), 0, 0, VALUE)).isEqualTo(Outcome.STORED);

        assertThat(f.get(cart(1))).isEqualTo(VALUE + VALUE);
        assertThat(f.store.namespace("cart").bytes()).isLessThanOrEqualTo(3 * ITEM)
                .isEqualTo(f.store.peek(bytes(cart(1))).accountedSize()
                        + (f.store.peek(bytes(cart(2))) == null ? 0 : ITEM)
                        + (f.store.peek(bytes(cart(3))) == null ? 0 : ITEM));
        assertThat(f.store.namespace("cart").evictions()).isPositive();
    }

    @Test
    void theDefaultNamespaceMayHaveAQuota() {
        StoreFixture f = new StoreFixture(StoreFixture.ROOMY, Map.of("default", 10 * ITEM));
        f.set(orders(1), VALUE);

        for (int i = 0; i < 100; i++) {
            f.set(String.format("plain%07d", i), VALUE);
        }

        assertThat(f.store.namespace("default").items()).isEqualTo(10);
        assertThat(f.store.namespace("default").evictions()).isEqualTo(90);
        assertThat(f.get(orders(1))).isEqualTo(VALUE);
    }

    @Test
    void flushingANamespaceGivesItsQuotaBack() {
        StoreFixture f = new StoreFixture(StoreFixture.ROOMY, Map.of("cart", 10 * ITEM));
        for (int i = 0; i < 10; i++) {
            f.set(cart(i), VALUE);
        }

        f.store.flushNamespace("cart");
        for (int i = 10; i < 20; i++) {
            f.set(cart(i), VALUE);
        }

        assertThat(f.store.namespace("cart").items()).isEqualTo(10);
        assertThat(f.store.namespace("cart").evictions()).isZero();
        f.store.flushAll(0);
        assertThat(f.store.namespace("cart").bytes()).isZero();
    }

    @Test
    void aLowerStoreLimitEvictsFromEveryNamespace() {
        StoreFixture f = new StoreFixture(2_000 * ITEM, Map.of("cart", 1_000 * ITEM));
        for (int i = 0; i < 1_000; i++) {
            f.set(cart(i), VALUE);
            f.set(orders(i), VALUE);
        }

        f.store.setMemoryLimit(1_000 * ITEM);

        assertThat(f.store.bytesUsed()).isLessThanOrEqualTo(1_000 * ITEM).isEqualTo(f.liveBytes());
        assertThat(f.store.namespace("cart").evictions()).isPositive();
        assertThat(f.store.namespace("orders").evictions()).isPositive();
        assertThat(f.store.namespace("cart").bytes() + f.store.namespace("orders").bytes())
                .isEqualTo(f.store.bytesUsed());
    }

    @Test
    void aQuotaedNamespaceIsListedBeforeItsFirstKeyAndStatsResetClearsItsEvictions() {
        StoreFixture f = new StoreFixture(StoreFixture.ROOMY, Map.of("cart", 2 * ITEM));
        assertThat(f.store.namespace("cart")).isNotNull();
        assertThat(f.store.namespace("cart").quota()).isEqualTo(2 * ITEM);
        assertThat(f.store.namespace("default").quota()).isZero();
        for (int i = 0; i < 5; i++) {
            f.set(cart(i), VALUE);
        }
        assertThat(f.store.namespace("cart").evictions()).isEqualTo(3);

        f.store.resetCounters();

        assertThat(f.store.namespace("cart").evictions()).isZero();
        assertThat(f.store.counters().evictions.sum()).isZero();
        assertThat(f.store.namespace("cart").items()).isEqualTo(2);
    }

    private static String cart(int i) {
        return String.format("cart.%07d", i);
    }

    private static String orders(int i) {
        return String.format("orders.%05d", i);
    }

    private static String plain(int i) {
        return String.format("plain%07d", i);
    }
}
