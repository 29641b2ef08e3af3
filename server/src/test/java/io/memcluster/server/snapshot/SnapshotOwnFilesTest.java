package io.memcluster.server.snapshot;

import static org.assertj.core.api.Assertions.assertThat;

import io.memcluster.config.SnapshotConfig;
import io.memcluster.protocol.StorageVerb;
import io.memcluster.server.store.Result;
import io.memcluster.server.store.Store;
import io.memcluster.time.ManualClock;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A node removes the file of a namespace it holds nothing of only when the file is its own: one it
 * loaded or wrote. A file it never loaded (its folder could not be listed at start, or it was put
 * there since) would otherwise be deleted by the node's next snapshot, with every item in it.
 */
class SnapshotOwnFilesTest {

    @TempDir
    Path dir;

    private final ManualClock clock = new ManualClock();

    @Test
    void aFileTheNodeNeverLoadedSurvivesItsSnapshots() throws Exception {
        Store writerStore = store();
        set(writerStore, "cart.1");
        try (Snapshots first = snapshots(writerStore)) {
            assertThat(first.snapshotNow(null).join().failed()).isFalse();
        }
        byte[] before = Files.readAllBytes(dir.resolve("cart.snap"));

        // a node that did not load it (as if its listing had failed) and holds nothing of cart
        Store empty = store();
        try (Snapshots second = snapshots(empty)) {
            SnapshotReport report = second.snapshotNow(null).join();
            assertThat(report.namespaces()).isEmpty();
        }
        assertThat(Files.readAllBytes(dir.resolve("cart.snap"))).isEqualTo(before);
    }

    @Test
    void aFileItLoadedGoesOnceItsNamespaceIsEmpty() throws Exception {
        Store writerStore = store();
        set(writerStore, "cart.1");
        try (Snapshots first = snapshots(writerStore)) {
            first.snapshotNow(null).join();
        }
        Store loaded = store();
        try (Snapshots second = snapshots(loaded)) {
            assertThat(second.load().items()).isEqualTo(1);
            loaded.delete("cart.1".getBytes(StandardCharsets.US_ASCII));
            SnapshotReport report = second.snapshotNow(null).join();
            assertThat(report.namespaces()).singleElement()
                    .satisfies(ns -> assertThat(ns.status()).isEqualTo(SnapshotReport.Status.REMOVED));
        }
        assertThat(dir.resolve("cart.snap")).doesNotExist();
    }

    private Store store() {
        return new Store(64L << 20, clock);
    }

    private Snapshots snapshots(Store store) {
        return new Snapshots(store, new SnapshotConfig(Duration.ZERO, dir), clock);
    }

    private static void set(Store store, String key) {
        store.store(StorageVerb.SET, key.getBytes(StandardCharsets.US_ASCII), 0, 0,
                "v".getBytes(StandardCharsets.US_ASCII), 0, 0, false, false, Store.NO_TTL, new Result());
    }
}
