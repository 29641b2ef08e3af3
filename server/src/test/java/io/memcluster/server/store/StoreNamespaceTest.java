package io.memcluster.server.store;

import io.memcluster.protocol.StorageVerb;
import static io.memcluster.server.store.StoreFixture.bytes;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Per-namespace item counts, bytes and version high-water marks, and flushing one namespace. */
class StoreNamespaceTest {

    private final StoreFixture f = new StoreFixture();

    @BeforeEach
    void fill() {
        f.set("cart.1", "apples");
        f.set("cart.2", "pears and plums");
        f.set("orders.1", "o");
        f.set("plain", "no namespace");
    }

    @Test
    void namespacesCountTheirItemsAndBytes() {
        assertThat(summary()).containsExactly(
                "cart items=2 bytes=" + sizeOf("cart.1", "cart.2"),
                "default items=1 bytes=" + sizeOf("plain"),
                "orders items=1 bytes=" + sizeOf("orders.1"));
    }

    @Test
    void deleteLowersTheNamespacesFigures() {
        f.store.delete(bytes("cart.1"));

        assertThat(f.store.namespace("cart").items()).isEqualTo(1);
        assertThat(f.store.namespace("cart").bytes()).isEqualTo(sizeOf("cart.2"));
    }

    @Test
    void overwritingAKeyReplacesItsBytes() {
        f.set("cart.1", "a much longer value than apples");
        f.store(StorageVerb.APPEND, "cart.2", 0, 0, "!");

        assertThat(f.store.namespace("cart").items()).isEqualTo(2);
        assertThat(f.store.namespace("cart").bytes()).isEqualTo(sizeOf("cart.1", "cart.2"));
    }

    @Test
    void expiryLowersTheFiguresToo() {
        f.set("cart.3", 0, 10, "short-lived");
        f.advance(10);
        f.get("cart.3");

        assertThat(f.store.namespace("cart").items()).isEqualTo(2);
        assertThat(f.store.namespace("cart").bytes()).isEqualTo(sizeOf("cart.1", "cart.2"));
    }

    @Test
    void theTotalsOfAllNamespacesAreTheStoresTotals() {
        long items = 0;
        long bytes = 0;
        for (Namespace ns : f.store.namespaces()) {
            items += ns.items();
            bytes += ns.bytes();
        }

        assertThat(items).isEqualTo(f.store.itemCount());
        assertThat(bytes).isEqualTo(f.store.bytesUsed());
    }

    @Test
    void maxCasTracksTheHighestCasStored() {
        long cart2 = f.store.peek(bytes("cart.2")).cas();
        assertThat(f.store.namespace("cart").maxCas()).isEqualTo(cart2);

        f.store.store(StorageVerb.SET, bytes("cart.9"), 0, 0, bytes("v"), 0, 1_000_000L, false, false, Store.NO_TTL,
                f.result);
        f.store.delete(bytes("cart.9"));

        assertThat(f.store.namespace("cart").maxCas()).isEqualTo(1_000_000L);
        assertThat(f.store.namespace("orders").maxCas()).isEqualTo(f.store.peek(bytes("orders.1")).cas());
    }

    @Test
    void maxCasComparesCasValuesAsUnsigned() {
        // a client may send any unsigned 64-bit E token; 2^63 + 5 is above every smaller CAS
        long huge = Long.parseUnsignedLong("9223372036854775813");
        f.store.store(StorageVerb.SET, bytes("cart.9"), 0, 0, bytes("v"), 0, huge, false, false, Store.NO_TTL,
                f.result);

        assertThat(Long.toUnsignedString(f.store.namespace("cart").maxCas())).isEqualTo("9223372036854775813");
        f.set("cart.10", "v");
        assertThat(Long.toUnsignedString(f.store.namespace("cart").maxCas()))
                .isEqualTo(Long.toUnsignedString(f.item("cart.10").cas()));
    }

    @Test
    void flushNamespaceRemovesOnlyItsKeys() {
        long removed = f.store.flushNamespace("cart");

        assertThat(removed).isEqualTo(2);
        assertThat(f.get("cart.1")).isNull();
        assertThat(f.get("cart.2")).isNull();
        assertThat(f.get("orders.1")).isEqualTo("o");
        assertThat(f.get("plain")).isEqualTo("no namespace");
        assertThat(f.store.namespace("cart").items()).isZero();
        assertThat(f.store.namespace("cart").bytes()).isZero();
        assertThat(f.store.bytesUsed()).isEqualTo(sizeOf("orders.1", "plain"));
    }

    @Test
    void keysWithoutAValidPrefixBelongToDefault() {
        f.set(".hidden", "v");
        f.set("a-b.c", "v");
        f.set("x".repeat(65) + ".k", "v");

        assertThat(f.store.namespace("default").items()).isEqualTo(4);
    }

    @Test
    void flushAllEmptiesEveryNamespace() {
        f.store.flushAll(0);

        for (Namespace ns : f.store.namespaces()) {
            assertThat(ns.items()).as(ns.name()).isZero();
            assertThat(ns.bytes()).as(ns.name()).isZero();
        }
    }

    private List<String> summary() {
        return f.store.namespaces().stream()
                .map(ns -> ns.name() + " items=" + ns.items() + " bytes=" + ns.bytes())
                .toList();
    }

    private long sizeOf(String... keys) {
        long sum = 0;
        for (String key : keys) {
            sum += f.store.peek(bytes(key)).accountedSize();
        }
        return sum;
    }
}
