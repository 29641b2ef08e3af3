package io.memcluster.coordinator.hint;

import static java.nio.charset.StandardCharsets.US_ASCII;
import static org.assertj.core.api.Assertions.assertThat;

import io.memcluster.protocol.Command;
import io.memcluster.protocol.MetaFlags;
import io.memcluster.time.ManualClock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class HintLogTest {

    private static final long HOUR = Duration.ofHours(1).toMillis();

    private final ManualClock clock = new ManualClock(1_000_000L);
    private final AtomicInteger losses = new AtomicInteger();

    @Test
    void hintsComeBackOldestFirst() {
        HintLog log = log(new HintBudget(1 << 20));
        for (int i = 1; i <= 5; i++) {
            assertThat(log.add(set("k" + i, 10, i), clock.millis())).isTrue();
        }

        List<Long> versions = new ArrayList<>();
        for (Hint hint; (hint = log.poll(clock.millis())) != null; ) {
            versions.add(hint.version());
        }

        assertThat(versions).containsExactly(1L, 2L, 3L, 4L, 5L);
        assertThat(log.counts()).isEqualTo(HintLog.Counts.ZERO);
    }

    @Test
    void overTheBytesTheOldestGoAndTheNodeNeedsACatchUp() {
        Hint first = set("a", 100, 1);
        HintBudget budget = new HintBudget(3L * first.bytes());
        HintLog log = log(budget);
        for (int i = 1; i <= 5; i++) {
            log.add(set("a", 100, i), clock.millis());
        }

        assertThat(log.counts().queued()).isEqualTo(3);
        assertThat(log.counts().droppedOverflow()).isEqualTo(2);
        assertThat(log.counts().bytes()).isEqualTo(3L * first.bytes()).isEqualTo(budget.used());
        assertThat(log.poll(clock.millis()).version()).as("the oldest kept").isEqualTo(3);
        assertThat(log.needsDigestCatchUp()).isTrue();
        assertThat(losses).as("the listener hears of the first loss only").hasValue(1);
    }

    @Test
    void aHintLargerThanTheWholeBudgetIsNotKeptAndDropsNothingElse() {
        HintBudget budget = new HintBudget(1024);
        HintLog log = log(budget);
        log.add(set("small", 10, 1), clock.millis());

        // the small one goes to make room, and even then the large one does not fit
        assertThat(log.add(set("large", 4096, 2), clock.millis())).isFalse();

        assertThat(log.counts().queued()).isZero();
        assertThat(log.counts().droppedOverflow()).isEqualTo(2);
        assertThat(budget.used()).isZero();
    }

    @Test
    void theBudgetIsSharedByTheNodesLogs() {
        Hint one = set("a", 100, 1);
        HintBudget budget = new HintBudget(2L * one.bytes());
        HintLog first = log(budget);
        HintLog second = log(budget);
        first.add(set("a", 100, 1), clock.millis());
        first.add(set("b", 100, 2), clock.millis());

        // the second log has nothing of its own to drop: its new hint is not kept
        assertThat(second.add(set("c", 100, 3), clock.millis())).isFalse();

        assertThat(first.counts().queued()).isEqualTo(2);
        assertThat(second.counts().droppedOverflow()).isEqualTo(1);
        assertThat(second.needsDigestCatchUp()).isTrue();
        assertThat(first.needsDigestCatchUp()).isFalse();
    }

    @Test
    void hintsOlderThanTheAgeAreDroppedWithoutSleeping() {
        HintBudget budget = new HintBudget(1 << 20);
        HintLog log = log(budget);
        log.add(set("old", 10, 1), clock.millis());
        clock.advance(Duration.ofMinutes(30));
        log.add(delete("newer", 2), clock.millis());
        clock.advance(Duration.ofMinutes(31));

        log.expire(clock.millis());

        assertThat(log.counts().queued()).isEqualTo(1);
        assertThat(log.counts().droppedExpired()).isEqualTo(1);
        assertThat(log.needsDigestCatchUp()).isTrue();
        clock.advance(Duration.ofMinutes(30));
        assertThat(log.poll(clock.millis())).as("expired when taken").isNull();
        assertThat(log.counts().droppedExpired()).isEqualTo(2);
        assertThat(budget.used()).isZero();
    }

    @Test
    void aHintExactlyAtTheAgeIsStillKept() {
        HintLog log = log(new HintBudget(1 << 20));
        log.add(set("k", 1, 1), clock.millis());
        clock.advance(Duration.ofHours(1));

        assertThat(log.poll(clock.millis())).isNotNull();
    }

    @Test
    void unacknowledgedHintsGoBackToTheFrontInTheirOrder() {
        HintLog log = log(new HintBudget(1 << 20));
        for (int i = 1; i <= 4; i++) {
            log.add(set("k" + i, 10, i), clock.millis());
        }
        Hint one = log.poll(clock.millis());
        Hint two = log.poll(clock.millis());
        log.add(set("k5", 10, 5), clock.millis());

        log.putBack(List.of(one, two));

        List<Long> versions = new ArrayList<>();
        for (Hint hint; (hint = log.poll(clock.millis())) != null; ) {
            versions.add(hint.version());
        }
        assertThat(versions).containsExactly(1L, 2L, 3L, 4L, 5L);
    }

    @Test
    void countersAndTheCatchUpFlag() {
        HintLog log = log(new HintBudget(1 << 20));
        log.add(set("k", 10, 1), clock.millis());
        log.add(delete("k", 2), clock.millis());
        log.poll(clock.millis());
        log.replayed();
        log.poll(clock.millis());
        log.refused();

        assertThat(log.counts()).isEqualTo(new HintLog.Counts(0, 0, 1, 0, 0, 1));
        assertThat(log.needsDigestCatchUp()).isTrue();
        log.clearDigestCatchUp();
        assertThat(log.needsDigestCatchUp()).isFalse();
        log.lost();
        assertThat(log.needsDigestCatchUp()).isTrue();
        assertThat(losses).as("once per loss after a clear").hasValue(2);
    }

    @Test
    void onlyVersionedSetsAndDeletesAreHints() {
        MetaFlags versioned = MetaFlags.builder().newCas(7).flag('V').build();
        byte[] key = "k".getBytes(US_ASCII);

        assertThat(Hint.of(new Command.MetaSet(key, new byte[3], versioned), 0)).isNotNull()
                .extracting(Hint::version).isEqualTo(7L);
        assertThat(Hint.of(new Command.MetaDelete(key, versioned), 0)).isNotNull();
        assertThat(Hint.of(new Command.MetaSet(key, new byte[3], MetaFlags.builder().newCas(7).build()), 0))
                .as("an add or append decided on one replica").isNull();
        assertThat(Hint.of(new Command.MetaGet(key, MetaFlags.builder().ttl(5).build()), 0)).as("a touch").isNull();
    }

    private HintLog log(HintBudget budget) {
        return new HintLog(budget, HOUR, losses::incrementAndGet);
    }

    private Hint set(String key, int valueBytes, long version) {
        MetaFlags flags = MetaFlags.builder().newCas(version).flag('V').build();
        return Hint.of(new Command.MetaSet(key.getBytes(US_ASCII), new byte[valueBytes], flags), clock.millis());
    }

    private Hint delete(String key, long version) {
        return Hint.of(new Command.MetaDelete(key.getBytes(US_ASCII), MetaFlags.builder().newCas(version).flag('V')
                .build()), clock.millis());
    }
}
