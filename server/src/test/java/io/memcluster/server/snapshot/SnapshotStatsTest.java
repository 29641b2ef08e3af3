package io.memcluster.server.snapshot;

import static org.assertj.core.api.Assertions.assertThat;

import io.memcluster.config.SnapshotConfig;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;
import org.junit.jupiter.api.Test;

/** {@code stats snapshots} names no namespace a user may not read: not in its errors either. */
class SnapshotStatsTest {

    private static final long NOW = 1_767_225_600_000L;

    private final SnapshotHistory history = new SnapshotHistory(NOW);

    private List<String> lines(Predicate<String> visible) {
        List<String> lines = new ArrayList<>();
        SnapshotStats.write(history, new SnapshotConfig(Duration.ofMinutes(5), Path.of("snaps")), NOW,
                Map.of("cart", 1L, "orders", 1L), (name, value) -> lines.add(name + " " + value), visible);
        return lines;
    }

    @Test
    void aFailureAndARejectedFileOfAnotherNamespaceAreNotShown() {
        history.loaded(new LoadReport(List.of(), List.of(new LoadReport.Rejected("cart.snap",
                "damaged header (checksum mismatch)", "snaps/rejected/cart.snap.1")), 0));
        history.finished(new SnapshotReport(NOW, 3, List.of(
                new SnapshotReport.NamespaceResult("cart", SnapshotReport.Status.FAILED, 0, 0, 0, "No space left"),
                new SnapshotReport.NamespaceResult("orders", SnapshotReport.Status.WRITTEN, 1, 100, 7, null)), null));

        List<String> reader = lines(ns -> ns.equals("orders"));

        assertThat(reader).contains("last_result failed", "orders:items 1", "rejected_files 1")
                .noneMatch(line -> line.contains("cart"));
        assertThat(lines(ns -> true)).contains("last_error namespace cart: No space left",
                "rejected_1 cart.snap: damaged header (checksum mismatch)", "cart:last_error No space left");
    }

    @Test
    void aFailureOfTheWholeRunIsShownToEveryone() {
        history.finished(new SnapshotReport(NOW, 3, List.of(), "cannot create snaps: Not a directory"));

        assertThat(lines(ns -> false)).contains("last_result failed", "last_error cannot create snaps: Not a directory");
    }
}
