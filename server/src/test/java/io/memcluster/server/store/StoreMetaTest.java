package io.memcluster.server.store;

import io.memcluster.protocol.StorageVerb;
import static io.memcluster.server.store.StoreFixture.bytes;
import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/**
 * mg and md: what the flags report (h, l, t), what they change (T, N, R, I, x) and the
 * win/stale tokens that let exactly one client recache a value.
 */
class StoreMetaTest {

    private static final long NONE = Store.NO_TTL;

    private final StoreFixture f = new StoreFixture();

    @Test
    void hitBeforeAndIdleSecondsDescribeTheItemBeforeThisCommand() {
        f.set("k", "v");
        f.advance(5);

        Result first = f.metaGet("k");
        assertThat(first.hitBefore).isFalse();
        assertThat(first.idleSeconds).isEqualTo(5);

        f.advance(3);
        Result second = f.metaGet("k");
        assertThat(second.hitBefore).isTrue();
        assertThat(second.idleSeconds).isEqualTo(3);
    }

    @Test
    void noBumpLeavesTheItemUnfetchedAndItsIdleTimeRunning() {
        f.set("k", "v");
        f.advance(5);

        f.store.metaGet(bytes("k"), false, NONE, NONE, NONE, 0, false, f.result);
        f.advance(2);
        Result later = f.metaGet("k");

        assertThat(later.hitBefore).isFalse();
        assertThat(later.idleSeconds).isEqualTo(7);
    }

    @Test
    void aMissLeavesNoItem() {
        Result r = f.metaGet("missing");

        assertThat(r.item).isNull();
        assertThat(r.won).isFalse();
    }

    @Test
    void newTtlChangesTheExpiry() {
        f.set("k", 0, 0, "v");

        Result r = f.metaGet("k", 30, NONE, NONE);

        assertThat(r.touched).isTrue();
        assertThat(r.ttl).isEqualTo(30);
        f.advance(29);
        assertThat(f.get("k")).isEqualTo("v");
        f.advance(1);
        assertThat(f.get("k")).isNull();
    }

    @Test
    void ttlIsReportedWithoutT() {
        f.set("k", 0, 100, "v");
        f.advance(40);

        assertThat(f.metaGet("k").ttl).isEqualTo(60);
        f.set("forever", "v");
        assertThat(f.metaGet("forever").ttl).isEqualTo(-1);
    }

    @Test
    void vivifyCreatesAnEmptyItemAndTheFirstCallerWins() {
        Result first = f.metaGet("k", NONE, 30, NONE);

        assertThat(first.item).isNotNull();
        assertThat(first.item.valueLength()).isZero();
        assertThat(first.won).isTrue();
        assertThat(first.tokenAlreadySent).isFalse();
        assertThat(first.ttl).isEqualTo(30);

        Result second = f.metaGet("k", NONE, 30, NONE);
        assertThat(second.item).isNotNull();
        assertThat(second.won).isFalse();
        assertThat(second.tokenAlreadySent).isTrue();

        f.advance(30);
        assertThat(f.get("k")).isNull();
    }

    @Test
    void theWinnersSetClearsTheToken() {
        f.metaGet("k", NONE, 30, NONE);

        f.set("k", "fresh");

        Result r = f.metaGet("k", NONE, 30, NONE);
        assertThat(StoreFixture.text(r.item)).isEqualTo("fresh");
        assertThat(r.won).isFalse();
        assertThat(r.tokenAlreadySent).isFalse();
    }

    @Test
    void vivifyDoesNothingToAnExistingItem() {
        f.set("k", "v");

        Result r = f.metaGet("k", NONE, 30, NONE);

        assertThat(StoreFixture.text(r.item)).isEqualTo("v");
        assertThat(r.won).isFalse();
        assertThat(r.ttl).isEqualTo(-1);
    }

    @Test
    void recacheWinsOnceTheRemainingTtlDropsBelowTheToken() {
        f.set("k", 0, 100, "v");

        assertThat(f.metaGet("k", NONE, NONE, 30).won).isFalse();

        f.advance(75);
        Result winner = f.metaGet("k", NONE, NONE, 30);
        assertThat(winner.won).isTrue();
        assertThat(winner.tokenAlreadySent).isFalse();

        Result next = f.metaGet("k", NONE, NONE, 30);
        assertThat(next.won).isFalse();
        assertThat(next.tokenAlreadySent).isTrue();
    }

    @Test
    void recacheNeverWinsOnAnItemWithoutExpiry() {
        f.set("k", "v");

        assertThat(f.metaGet("k", NONE, NONE, 30).won).isFalse();
    }

    @Test
    void invalidateMarksStaleAndTheNextReaderWins() {
        f.set("k", "v");
        long before = f.item("k").cas();

        Outcome outcome = f.store.metaDelete(bytes("k"), 0, true, false, NONE, 0, 0, f.result);

        assertThat(outcome).isEqualTo(Outcome.DELETED);
        assertThat(f.store.peek(bytes("k")).cas()).isGreaterThan(before);
        Result first = f.metaGet("k");
        assertThat(StoreFixture.text(first.item)).isEqualTo("v");
        assertThat(first.stale).isTrue();
        assertThat(first.won).isTrue();
        Result second = f.metaGet("k");
        assertThat(second.stale).isTrue();
        assertThat(second.won).isFalse();
        assertThat(second.tokenAlreadySent).isTrue();
    }

    @Test
    void invalidateLetsTheNextReaderWinEvenAfterAnEarlierWin() {
        f.metaGet("k", NONE, 30, NONE);
        assertThat(f.metaGet("k", NONE, 30, NONE).tokenAlreadySent).isTrue();

        f.store.metaDelete(bytes("k"), 0, true, false, NONE, 0, 0, f.result);

        Result r = f.metaGet("k");
        assertThat(r.stale).isTrue();
        assertThat(r.won).isTrue();
        assertThat(r.tokenAlreadySent).isFalse();
    }

    @Test
    void invalidateWithATtlShortensTheStaleItemsLife() {
        f.set("k", "v");

        f.store.metaDelete(bytes("k"), 0, true, false, 30, 0, 0, f.result);

        f.advance(30);
        assertThat(f.get("k")).isNull();
    }

    @Test
    void invalidateMayGiveAnExplicitCas() {
        f.set("k", "v");

        f.store.metaDelete(bytes("k"), 0, true, false, NONE, 0, 5_000_000L, f.result);

        assertThat(f.store.peek(bytes("k")).cas()).isEqualTo(5_000_000L);
        f.set("next", "v");
        assertThat(f.item("next").cas()).isGreaterThan(5_000_000L);
    }

    @Test
    void removeValueKeepsTheKeyWithAnEmptyValue() {
        f.set("k", 3, 0, "a long value");

        Outcome outcome = f.store.metaDelete(bytes("k"), 0, false, true, NONE, 9, 0, f.result);

        assertThat(outcome).isEqualTo(Outcome.DELETED);
        Item it = f.item("k");
        assertThat(it).isNotNull();
        assertThat(it.valueLength()).isZero();
        assertThat(it.flags()).isEqualTo(9);
        assertThat(f.store.bytesUsed()).isEqualTo(it.accountedSize());
    }

    @Test
    void metaDeleteWithoutFlagsRemoves() {
        f.set("k", "v");

        assertThat(f.store.metaDelete(bytes("k"), 0, false, false, NONE, 0, 0, f.result)).isEqualTo(Outcome.DELETED);

        assertThat(f.get("k")).isNull();
        assertThat(f.store.bytesUsed()).isZero();
    }

    @Test
    void metaDeleteChecksTheCas() {
        f.set("k", "v");
        long unique = f.item("k").cas();

        assertThat(f.store.metaDelete(bytes("k"), unique + 1, false, false, NONE, 0, 0, f.result))
                .isEqualTo(Outcome.EXISTS);
        assertThat(f.get("k")).isEqualTo("v");
        assertThat(f.store.metaDelete(bytes("k"), unique, false, false, NONE, 0, 0, f.result))
                .isEqualTo(Outcome.DELETED);
        assertThat(f.store.metaDelete(bytes("k"), 0, false, false, NONE, 0, 0, f.result))
                .isEqualTo(Outcome.NOT_FOUND);
    }

    @Test
    void peekNeitherBumpsNorMarksFetched() {
        f.set("k", "v");
        f.advance(4);

        f.store.peek(bytes("k"));

        Result r = f.metaGet("k");
        assertThat(r.hitBefore).isFalse();
        assertThat(r.idleSeconds).isEqualTo(4);
    }

    @Test
    void aBinaryKeyIsRemembered() {
        f.store.store(StorageVerb.SET, new byte[] {0, 1, 2, (byte) 0xff}, 0, 0, bytes("v"), 0, 0, true, false, NONE,
                f.result);

        Item it = f.store.get(new byte[] {0, 1, 2, (byte) 0xff});
        assertThat(it.binaryKey()).isTrue();
        assertThat(it.keyBytes()).containsExactly(0, 1, 2, 0xff);
    }
}
