package io.memcluster.server.snapshot;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

class RecencyCutoffTest {

    /** bytes by last-access second */
    private static TreeMap<Long, Long> histogram(long... secondAndBytes) {
        TreeMap<Long, Long> h = new TreeMap<>();
        for (int i = 0; i < secondAndBytes.length; i += 2) {
            h.put(secondAndBytes[i], secondAndBytes[i + 1]);
        }
        return h;
    }

    @Test
    void everythingIsAdmittedWhenItFits() {
        RecencyCutoff cutoff = RecencyCutoff.plan(Map.of("a", histogram(10, 100, 20, 100)), Map.of(), 200);

        RecencyCutoff.Admission a = cutoff.admission("a");
        assertThat(a.admits(10, 50)).isTrue();
        assertThat(a.admits(10, 50)).isTrue();
        assertThat(a.admits(20, 100)).isTrue();
    }

    @Test
    void theNewestSecondsAreAdmittedAndOfTheOldestOneOnlyWhatIsLeft() {
        // 300 bytes at second 30 and 20 fit in 350; of second 10, 50 bytes
        RecencyCutoff cutoff = RecencyCutoff.plan(Map.of("a", histogram(10, 100, 20, 100, 30, 200)), Map.of(), 350);

        RecencyCutoff.Admission a = cutoff.admission("a");
        assertThat(a.admits(5, 1)).as("older than the cut").isFalse();
        assertThat(a.admits(10, 40)).isTrue();
        assertThat(a.admits(10, 20)).as("the second's allowance is spent").isFalse();
        assertThat(a.admits(10, 10)).isTrue();
        assertThat(a.admits(10, 1)).isFalse();
        assertThat(a.admits(20, 100)).isTrue();
        assertThat(a.admits(30, 200)).isTrue();
    }

    @Test
    void theStoresRoomIsSharedByRecencyAcrossNamespaces() {
        RecencyCutoff cutoff = RecencyCutoff.plan(
                Map.of("a", histogram(10, 100, 30, 100), "b", histogram(20, 100, 40, 100)), Map.of(), 300);

        assertThat(cutoff.admission("a").admits(10, 100)).as("a's oldest is the oldest of all").isFalse();
        RecencyCutoff.Admission b = cutoff.admission("b");
        assertThat(b.admits(20, 100)).isTrue();
        assertThat(b.admits(40, 100)).isTrue();
        assertThat(cutoff.admission("a").admits(30, 100)).isTrue();
    }

    @Test
    void aQuotaCutsItsNamespaceAloneAndWhatItLeavesOutMakesRoomForOthers() {
        RecencyCutoff cutoff = RecencyCutoff.plan(
                Map.of("a", histogram(10, 100, 30, 100), "b", histogram(20, 100)), Map.of("a", 100L), 200);

        RecencyCutoff.Admission a = cutoff.admission("a");
        assertThat(a.admits(10, 100)).isFalse();
        assertThat(a.admits(30, 100)).isTrue();
        assertThat(cutoff.admission("b").admits(20, 100)).as("a's cut item left b room").isTrue();
    }

    @Test
    void noRoomAtAllAdmitsNothing() {
        RecencyCutoff cutoff = RecencyCutoff.plan(Map.of("a", histogram(10, 100)), Map.of(), 0);

        assertThat(cutoff.admission("a").admits(10, 1)).isFalse();
    }
}
