package io.memcluster.server.store;

import io.memcluster.protocol.StorageVerb;
import static io.memcluster.server.store.StoreFixture.bytes;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * A smoke test: several threads mixing every kind of write on few keys under a small limit,
 * with and without namespace quotas, then the accounting must still add up.
 */
class StoreConcurrencyTest {

    private static final int THREADS = 4;
    private static final int OPS_PER_THREAD = 20_000;
    private static final int KEYS = 1_000;
    private static final long LIMIT = 64 * 1024;

    @Test
    void accountingAddsUpAfterConcurrentWrites() throws Exception {
        Store store = new StoreFixture(LIMIT).store;
        runConcurrently(store);

        long[] visited = {0, 0};
        store.forEachLive(it -> {
            visited[0]++;
            visited[1] += it.accountedSize();
        });
        assertThat(store.bytesUsed()).isEqualTo(visited[1]).isLessThanOrEqualTo(LIMIT);
        assertThat(store.itemCount()).isEqualTo(visited[0]);
        long nsItems = 0;
        long nsBytes = 0;
        for (Namespace ns : store.namespaces()) {
            nsItems += ns.items();
            nsBytes += ns.bytes();
        }
        assertThat(nsItems).isEqualTo(visited[0]);
        assertThat(nsBytes).isEqualTo(visited[1]);
        assertThat(store.counters().evictions.sum()).isPositive();
    }

    @Test
    void eachNamespacesAccountingAddsUpAndStaysUnderItsQuota() throws Exception {
        // ns0 and ns1 are held at their quotas while ns2, without one, shares the rest
        Map<String, Long> quotas = Map.of("ns0", 12 * 1024L, "ns1", 6 * 1024L);
        Store store = new StoreFixture(LIMIT, quotas).store;
        runConcurrently(store);

        Map<String, long[]> visited = new HashMap<>();
        store.forEachLive(it -> {
            long[] figures = visited.computeIfAbsent(it.namespace().name(), n -> new long[2]);
            figures[0]++;
            figures[1] += it.accountedSize();
        });
        long evictions = 0;
        for (Namespace ns : store.namespaces()) {
            long[] figures = visited.getOrDefault(ns.name(), new long[2]);
            assertThat(ns.items()).as(ns.name()).isEqualTo(figures[0]);
            assertThat(ns.bytes()).as(ns.name()).isEqualTo(figures[1]);
            evictions += ns.evictions();
        }
        assertThat(store.namespace("ns0").bytes()).isLessThanOrEqualTo(quotas.get("ns0"));
        assertThat(store.namespace("ns1").bytes()).isLessThanOrEqualTo(quotas.get("ns1"));
        assertThat(store.namespace("ns0").evictions()).isPositive();
        assertThat(store.namespace("ns1").evictions()).isPositive();
        assertThat(store.bytesUsed()).isLessThanOrEqualTo(LIMIT)
                .isEqualTo(visited.values().stream().mapToLong(figures -> figures[1]).sum());
        assertThat(evictions).isEqualTo(store.counters().evictions.sum());
    }

    private static void runConcurrently(Store store) throws Exception {
        CountDownLatch start = new CountDownLatch(1);
        List<Callable<Void>> workers = new ArrayList<>();
        for (int t = 0; t < THREADS; t++) {
            long seed = 1000L + t;
            workers.add(() -> {
                start.await();
                run(store, new Random(seed));
                return null;
            });
        }
        ExecutorService pool = Executors.newFixedThreadPool(THREADS);
        try {
            List<Future<Void>> futures = new ArrayList<>();
            for (Callable<Void> worker : workers) {
                futures.add(pool.submit(worker));
            }
            start.countDown();
            for (Future<Void> future : futures) {
                future.get(60, TimeUnit.SECONDS);
            }
        } finally {
            pool.shutdownNow();
            assertThat(pool.awaitTermination(10, TimeUnit.SECONDS)).isTrue();
        }
    }

    private static void run(Store store, Random random) {
        Result r = new Result();
        long none = Store.NO_TTL;
        for (int op = 0; op < OPS_PER_THREAD; op++) {
            int n = random.nextInt(KEYS);
            byte[] key = bytes("ns" + (n % 3) + "." + n);
            byte[] value = bytes("v".repeat(random.nextInt(400)));
            // no negative exptimes and no clock movement: every linked item stays live
            long exptime = random.nextBoolean() ? 0 : 1000;
            switch (random.nextInt(12)) {
                case 0, 1 -> store.store(StorageVerb.SET, key, 0, exptime, value, 0, 0, false, false, none, r);
                case 2 -> store.store(StorageVerb.ADD, key, 0, exptime, value, 0, 0, false, false, none, r);
                case 3 -> store.store(StorageVerb.REPLACE, key, 0, exptime, value, 0, 0, false, false, none, r);
                case 4 -> store.store(random.nextBoolean() ? StorageVerb.APPEND : StorageVerb.PREPEND, key, 0, 0,
                        bytes("ab"), 0, 0, false, false, random.nextBoolean() ? 0 : none, r);
                case 5 -> {
                    Item it = store.get(key);
                    long unique = it == null ? 1 : it.cas();
                    store.store(StorageVerb.CAS, key, 0, exptime, value, unique, 0, false, false, none, r);
                }
                case 6 -> store.arithmetic(key, random.nextBoolean(), random.nextInt(1000), 0, 0, 0, 7, none, r);
                case 7 -> store.delete(key);
                case 8 -> store.touch(key, exptime);
                case 9 -> store.metaGet(key, random.nextBoolean(), none, 0, 100, 0, false, r);
                case 10 -> store.metaDelete(key, 0, random.nextBoolean(), random.nextBoolean(), none, 0, 0, r);
                default -> store.get(key);
            }
        }
    }
}
