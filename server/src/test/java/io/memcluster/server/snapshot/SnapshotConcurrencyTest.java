package io.memcluster.server.snapshot;

import static org.assertj.core.api.Assertions.assertThat;

import io.memcluster.protocol.StorageVerb;
import io.memcluster.server.store.Result;
import io.memcluster.server.store.Store;
import io.memcluster.time.ManualClock;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Snapshots taken while clients set, append to and delete the same keys: each file loads whole,
 * and every item in it is one that was stored (its value names its key), never a mix.
 */
class SnapshotConcurrencyTest {

    @TempDir
    Path dir;

    private final ManualClock clock = new ManualClock();
    private final Store store = new Store(256L << 20, clock);

    @Test
    void snapshotsDuringWritesLoadWholeWithNoTornItem() throws Exception {
        AtomicBoolean done = new AtomicBoolean();
        List<Thread> writers = new ArrayList<>();
        List<Throwable> failures = new java.util.concurrent.CopyOnWriteArrayList<>();
        for (int w = 0; w < 2; w++) {
            long seed = w;
            Thread t = new Thread(() -> {
                Random random = new Random(seed);
                Result result = new Result();
                try {
                    for (long i = 0; !done.get() && i < 50_000_000L; i++) {
                        String key = (random.nextBoolean() ? "cart." : "orders.") + random.nextInt(2000);
                        byte[] k = key.getBytes(StandardCharsets.US_ASCII);
                        int op = random.nextInt(10);
                        if (op < 6) {
                            byte[] value = (key + "=" + "x".repeat(random.nextInt(1500))).getBytes(
                                    StandardCharsets.US_ASCII);
                            store.store(StorageVerb.SET, k, 0, 0, value, 0, 0, false, false, Store.NO_TTL, result);
                        } else if (op < 8) {
                            store.store(StorageVerb.APPEND, k, 0, 0, "+".getBytes(StandardCharsets.US_ASCII), 0,
                                    0, false, false, Store.NO_TTL, result);
                        } else {
                            store.delete(k);
                        }
                    }
                } catch (Throwable e) {
                    failures.add(e);
                }
            });
            t.start();
            writers.add(t);
        }
        try {
            SnapshotWriter writer = new SnapshotWriter(store, dir, clock, Runnable::run, 1);
            for (int run = 0; run < 3; run++) {
                // some items first, then a snapshot while the writes go on
                while (store.itemCount() < 1000) {
                    Thread.onSpinWait();
                }
                SnapshotReport report = writer.write(null);
                assertThat(report.failed()).as("%s", report).isFalse();

                Store loaded = new Store(256L << 20, clock);
                LoadReport load = new SnapshotLoader(loaded, dir, clock, Runnable::run, 1).load();
                assertThat(load.rejected()).isEmpty();
                assertThat(load.items()).isEqualTo(report.items());
                loaded.forEachLive(it -> {
                    String key = new String(it.data(), 0, it.keyLength(), StandardCharsets.US_ASCII);
                    String value = new String(it.data(), it.valueOffset(), it.valueLength(),
                            StandardCharsets.US_ASCII);
                    assertThat(value).as(key).matches(java.util.regex.Pattern.quote(key) + "=x*\\+*");
                });
            }
        } finally {
            done.set(true);
            for (Thread t : writers) {
                t.join(10_000);
            }
        }
        assertThat(failures).isEmpty();
    }
}
