package io.memcluster.server.snapshot;

import static org.assertj.core.api.Assertions.assertThat;

import io.memcluster.protocol.StorageVerb;
import io.memcluster.server.store.Outcome;
import io.memcluster.server.store.Result;
import io.memcluster.server.store.Store;
import io.memcluster.server.store.VersionCut;
import io.memcluster.time.Clock;
import io.memcluster.time.ManualClock;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A file's watermark vouches for every version at or below it: the namespace's highest version
 * when nothing was written during the walk, lowered below a version written during it.
 */
class SnapshotWatermarkTest {

    @TempDir
    Path dir;

    private final ManualClock time = new ManualClock();
    /** Run once, by the walk's first look at the store's clock: a write while the snapshot runs. */
    private Runnable duringTheWalk;
    private final Clock storeClock = () -> {
        Runnable write = duringTheWalk;
        if (write != null) {
            duringTheWalk = null;
            write.run();
        }
        return time.millis();
    };
    private final Store store = new Store(64L << 20, storeClock);

    private void store(String key, long version) {
        Outcome outcome = store.store(StorageVerb.SET, key.getBytes(StandardCharsets.US_ASCII), 0, 0,
                "value".getBytes(StandardCharsets.US_ASCII), 0, version, false, false, Store.NO_TTL, new Result());
        assertThat(outcome).isEqualTo(Outcome.STORED);
    }

    private Map<String, Long> watermarks(SnapshotReport report) {
        assertThat(report.failed()).as("%s", report).isFalse();
        return report.namespaces().stream().collect(Collectors.toMap(SnapshotReport.NamespaceResult::namespace,
                SnapshotReport.NamespaceResult::watermark));
    }

    @Test
    void withoutWritesDuringTheWalkTheWatermarkIsEachNamespacesHighestVersion() {
        store("cart.1", 100);
        store("cart.2", 300);
        store("cart.3", 200);
        store("orders.1", 50);

        SnapshotReport report = new SnapshotWriter(store, dir, time, Runnable::run, 1).write(null);

        assertThat(watermarks(report)).containsEntry("cart", 300L).containsEntry("orders", 50L);
    }

    @Test
    void aWriteWithALowVersionDuringTheWalkLowersItsNamespacesWatermarkBelowIt() {
        store("cart.1", 100);
        store("cart.2", 300);
        store("orders.1", 50);
        duringTheWalk = () -> store("cart.late", 5);

        SnapshotReport report = new SnapshotWriter(store, dir, time, Runnable::run, 1).write(null);

        assertThat(duringTheWalk).as("the write ran").isNull();
        assertThat(watermarks(report)).containsEntry("cart", 4L).containsEntry("orders", 50L);
        LoadReport loaded = new SnapshotLoader(new Store(64L << 20, time), dir, time, Runnable::run, 1).load();
        assertThat(loaded.namespaces()).filteredOn(ns -> ns.namespace().equals("cart")).singleElement()
                .extracting(LoadReport.Loaded::watermark).isEqualTo(4L);
    }

    @Test
    void aWriteWithTheNextVersionDuringTheWalkLeavesTheWatermarkAtTheHighestBefore() {
        store("cart.1", 100);
        duringTheWalk = () -> store("cart.late", 0);

        SnapshotReport report = new SnapshotWriter(store, dir, time, Runnable::run, 1).write(null);

        assertThat(duringTheWalk).isNull();
        assertThat(watermarks(report)).containsEntry("cart", 100L);
    }

    @Test
    void aCutOpenedAndClosedAroundALowWriteLowersOnlyThatNamespace() {
        store("cart.1", 100);
        store("orders.1", 70);

        VersionCut cut = store.openCut();
        store("cart.2", 42);
        store("orders.2", 80);
        store.closeCut(cut);
        store("cart.3", 1);

        assertThat(cut.watermark("cart")).isEqualTo(41);
        assertThat(cut.watermark("orders")).isEqualTo(70);
        assertThat(cut.watermark("basket")).as("a namespace created during the walk").isZero();
    }
}
