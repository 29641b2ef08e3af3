package io.memcluster.server.store;

import static io.memcluster.server.store.StoreFixture.bytes;
import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** incr, decr and ma: unsigned 64-bit numbers kept as text, as memcached keeps them. */
class StoreArithmeticTest {

    private static final String MAX = "18446744073709551615";

    private final StoreFixture f = new StoreFixture();

    @Test
    void incrAddsAndStoresTheDigits() {
        f.set("n", "5");

        assertThat(f.incr("n", 3)).isEqualTo(Outcome.STORED);

        assertThat(f.result.number).isEqualTo(8);
        assertThat(f.get("n")).isEqualTo("8");
    }

    @Test
    void incrGrowsTheValueWhenItNeedsMoreDigits() {
        f.set("n", "99");

        f.incr("n", 1);

        assertThat(f.get("n")).isEqualTo("100");
    }

    @Test
    void incrWrapsAt2To64() {
        f.set("n", MAX);

        assertThat(f.incr("n", 1)).isEqualTo(Outcome.STORED);

        assertThat(f.result.number).isZero();
        // memcached rewrites in place: the 20 digits' room stays, space-padded
        assertThat(f.get("n")).isEqualTo("0" + " ".repeat(19));
    }

    @Test
    void aDeltaAbove2To63IsUnsigned() {
        f.set("n", "2");

        f.incr("n", Long.parseUnsignedLong(MAX));

        assertThat(f.result.number).isEqualTo(1);
    }

    @Test
    void decrClampsAtZero() {
        f.set("n", "5");

        assertThat(f.decr("n", 10)).isEqualTo(Outcome.STORED);

        assertThat(f.result.number).isZero();
        assertThat(f.get("n")).isEqualTo("0");
    }

    @Test
    void decrByAHugeUnsignedDeltaClampsAtZero() {
        f.set("n", "5");

        f.decr("n", Long.parseUnsignedLong(MAX));

        assertThat(f.result.number).isZero();
    }

    @Test
    void decrThatShortensTheNumberLeavesItSpacePadded() {
        f.set("n", "10");

        f.decr("n", 1);

        assertThat(f.result.number).isEqualTo(9);
        assertThat(f.get("n")).isEqualTo("9 ");
        f.incr("n", 1);
        assertThat(f.get("n")).isEqualTo("10");
    }

    @Test
    void leadingSpacesAreAccepted() {
        f.set("n", "  5");

        assertThat(f.incr("n", 1)).isEqualTo(Outcome.STORED);

        assertThat(f.get("n")).isEqualTo("6  ");
    }

    @Test
    void zeroPaddedNumbersLongerThan20CharactersAreNumbers() {
        // memcached 1.6.18 replies 2 here: strtoull reads the zeros
        f.set("n", "000000000000000000000001");

        assertThat(f.incr("n", 1)).isEqualTo(Outcome.STORED);

        assertThat(f.result.number).isEqualTo(2);
    }

    @Test
    void aNumberEndsAtTheFirstBlankAsInMemcached() {
        // memcached 1.6.18 replies 13 to incr 1 on "12 abc": strtoull stops at the space
        f.set("n", "12 abc");

        assertThat(f.incr("n", 1)).isEqualTo(Outcome.STORED);

        assertThat(f.result.number).isEqualTo(13);
    }

    @Test
    void nonNumericValuesAreRefused() {
        String[] values = {"abc", "", "12abc", "-1", " ", "123456789012345678901", "18446744073709551616"};
        for (String value : values) {
            f.set("n", value);

            assertThat(f.incr("n", 1)).as("incr on '%s'", value).isEqualTo(Outcome.NON_NUMERIC);
            assertThat(f.decr("n", 1)).as("decr on '%s'", value).isEqualTo(Outcome.NON_NUMERIC);
            assertThat(f.get("n")).isEqualTo(value);
        }
    }

    @Test
    void aMissingKeyIsNotFound() {
        assertThat(f.incr("n", 1)).isEqualTo(Outcome.NOT_FOUND);
        assertThat(f.decr("n", 1)).isEqualTo(Outcome.NOT_FOUND);

        assertThat(f.get("n")).isNull();
    }

    @Test
    void arithmeticKeepsFlagsAndExpiry() {
        f.set("n", 17, 100, "1");

        f.incr("n", 1);

        assertThat(f.item("n").flags()).isEqualTo(17);
        f.advance(99);
        assertThat(f.get("n")).isEqualTo("2");
        f.advance(1);
        assertThat(f.get("n")).isNull();
    }

    @Test
    void vivifyCreatesTheInitialValueOnAMiss() {
        Outcome first = f.store.arithmetic(bytes("n"), true, 5, 0, 0, 0, 42, Store.NO_TTL, f.result);

        assertThat(first).isEqualTo(Outcome.STORED);
        assertThat(f.result.number).isEqualTo(42);
        assertThat(f.get("n")).isEqualTo("42");

        f.store.arithmetic(bytes("n"), true, 5, 0, 0, 0, 42, Store.NO_TTL, f.result);
        assertThat(f.result.number).isEqualTo(47);
    }

    @Test
    void aVivifiedCounterExpiresWithItsTtl() {
        f.store.arithmetic(bytes("n"), true, 1, 0, 0, 30, 0, Store.NO_TTL, f.result);

        assertThat(f.result.ttl).isEqualTo(30);
        f.advance(30);
        assertThat(f.get("n")).isNull();
    }

    @Test
    void aNewTtlIsAppliedToAnExistingCounter() {
        f.set("n", "1");

        f.store.arithmetic(bytes("n"), true, 1, 0, 0, Store.NO_TTL, 0, 10, f.result);

        assertThat(f.result.ttl).isEqualTo(10);
        f.advance(10);
        assertThat(f.get("n")).isNull();
    }

    @Test
    void arithmeticWithAWrongCasIsRefused() {
        f.set("n", "1");
        long unique = f.item("n").cas();

        Outcome wrong = f.store.arithmetic(bytes("n"), true, 1, unique + 1, 0, Store.NO_TTL, 0, Store.NO_TTL,
                f.result);
        Outcome right = f.store.arithmetic(bytes("n"), true, 1, unique, 0, Store.NO_TTL, 0, Store.NO_TTL, f.result);

        assertThat(wrong).isEqualTo(Outcome.EXISTS);
        assertThat(right).isEqualTo(Outcome.STORED);
        assertThat(f.get("n")).isEqualTo("2");
    }

    @Test
    void bytesUsedFollowsTheNumbersLength() {
        f.set("n", "9");

        f.incr("n", 1);

        assertThat(f.store.bytesUsed()).isEqualTo(f.item("n").accountedSize()).isEqualTo(f.liveBytes());
    }
}
