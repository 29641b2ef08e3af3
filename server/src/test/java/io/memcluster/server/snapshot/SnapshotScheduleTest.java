package io.memcluster.server.snapshot;

import static org.assertj.core.api.Assertions.assertThat;

import io.memcluster.config.SnapshotConfig;
import io.memcluster.protocol.StorageVerb;
import io.memcluster.server.store.Result;
import io.memcluster.server.store.Store;
import io.memcluster.time.ManualClock;
import java.lang.reflect.Proxy;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** snapshot.interval on the scheduler the node gives: captured here, run by hand, nothing waited for. */
class SnapshotScheduleTest {

    @TempDir
    Path dir;

    private final ManualClock clock = new ManualClock();
    private final Store store = new Store(64L << 20, clock);

    /** One scheduleAtFixedRate call the fake scheduler got. */
    private record Scheduled(Runnable task, long initialDelay, long period, TimeUnit unit, boolean[] cancelled) {
    }

    private final List<Scheduled> scheduled = new ArrayList<>();

    private final ScheduledExecutorService scheduler = (ScheduledExecutorService) Proxy.newProxyInstance(
            getClass().getClassLoader(), new Class<?>[] {ScheduledExecutorService.class}, (proxy, method, args) -> {
                if (!method.getName().equals("scheduleAtFixedRate")) {
                    throw new UnsupportedOperationException(method.getName());
                }
                boolean[] cancelled = {false};
                scheduled.add(new Scheduled((Runnable) args[0], (Long) args[1], (Long) args[2], (TimeUnit) args[3],
                        cancelled));
                return Proxy.newProxyInstance(getClass().getClassLoader(), new Class<?>[] {ScheduledFuture.class},
                        (p, m, a) -> {
                            if (m.getName().equals("cancel")) {
                                cancelled[0] = true;
                                return true;
                            }
                            throw new UnsupportedOperationException(m.getName());
                        });
            });

    @Test
    void everyFiveMinutesIsAFixedRateOf300000MillisecondsFromOneIntervalOn() {
        try (Snapshots snapshots = new Snapshots(store, new SnapshotConfig(Duration.ofMinutes(5), dir), clock)) {
            snapshots.schedule(scheduler);

            assertThat(scheduled).singleElement().satisfies(s -> {
                assertThat(s.unit().toMillis(s.period())).isEqualTo(300_000);
                assertThat(s.unit().toMillis(s.initialDelay())).isEqualTo(300_000);
            });
        }
    }

    @Test
    void anIntervalOfZeroSchedulesNothing() {
        try (Snapshots snapshots = new Snapshots(store, new SnapshotConfig(Duration.ZERO, dir), clock)) {
            snapshots.schedule(scheduler);

            assertThat(scheduled).isEmpty();
        }
    }

    @Test
    void eachTickWritesASnapshotAndTheStopCancelsTheSchedule() {
        Snapshots snapshots = new Snapshots(store, new SnapshotConfig(Duration.ofSeconds(30), dir), clock);
        snapshots.schedule(scheduler);
        set("cart.1");

        scheduled.get(0).task().run();
        // the tick only hands the run to the snapshot thread; a run asked for after it runs after it
        snapshots.snapshotNow("none").join();

        assertThat(dir.resolve("cart.snap")).isRegularFile();
        List<String> stats = new ArrayList<>();
        snapshots.stats((name, value) -> stats.add(name + " " + value), ns -> true);
        assertThat(stats).contains("runs 2", "interval 30", "cart:items 1", "last_result ok");

        set("cart.2");
        snapshots.close();

        assertThat(scheduled.get(0).cancelled()[0]).isTrue();
        Store next = new Store(64L << 20, clock);
        new Snapshots(next, new SnapshotConfig(Duration.ofSeconds(30), dir), clock).load();
        assertThat(next.itemCount()).as("the snapshot at stop has cart.2").isEqualTo(2);
    }

    private void set(String key) {
        store.store(StorageVerb.SET, key.getBytes(StandardCharsets.US_ASCII), 0, 0, new byte[1], 0, 0, false, false,
                Store.NO_TTL, new Result());
    }
}
