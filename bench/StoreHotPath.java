import io.memcluster.protocol.StorageVerb;
import io.memcluster.server.store.Result;
import io.memcluster.server.store.Store;
import io.memcluster.time.Clock;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.atomic.LongAdder;

/**
 * A JMH-free look at the store's hot path: sets and gets of keys without a namespace prefix
 * (the default namespace, no quota) on a store small enough that about half the sets evict, so
 * that reserve, eviction and the LRU lists all run. Prints ops/s per round and the median, by
 * the wall clock and per CPU second the workers got (the steadier figure on a busy machine).
 *
 * <pre>mvn -q -B -o -pl server -am package -DskipTests
 * java -cp server/target/classes:common/target/classes bench/StoreHotPath.java [THREADS] [ROUNDS] [QUOTAS]</pre>
 *
 * QUOTAS (default 0) gives that many other namespaces a quota, none of which the load writes:
 * what those quotas cost the namespaces without one.
 */
public final class StoreHotPath {

    static final int KEYS = 200_000;
    static final int OPS_PER_ROUND = 4_000_000;
    static final long MEMORY = 16L << 20;
    /** On a shared machine the CPU time a worker got is steadier than the wall clock. */
    static final java.lang.management.ThreadMXBean CPU = java.lang.management.ManagementFactory.getThreadMXBean();

    public static void main(String[] args) throws Exception {
        int threads = args.length > 0 ? Integer.parseInt(args[0]) : 1;
        int rounds = args.length > 1 ? Integer.parseInt(args[1]) : 10;
        int quotas = args.length > 2 ? Integer.parseInt(args[2]) : 0;
        Store store = newStore(quotas);
        byte[][] keys = new byte[KEYS][];
        for (int i = 0; i < KEYS; i++) {
            keys[i] = String.format("key:%012d", i).getBytes(StandardCharsets.US_ASCII);
        }
        byte[] value = new byte[100];
        double[] rates = new double[rounds];
        double[] cpuRates = new double[rounds];
        for (int round = -2; round < rounds; round++) { // two rounds of warm-up
            LongAdder cpuNanos = new LongAdder();
            CyclicBarrier start = new CyclicBarrier(threads + 1);
            List<Thread> workers = new ArrayList<>();
            for (int t = 0; t < threads; t++) {
                int seed = t * 7919 + round;
                Thread worker = new Thread(() -> {
                    Result result = new Result();
                    await(start);
                    long cpuBegan = CPU.getCurrentThreadCpuTime();
                    int k = seed;
                    for (int op = 0; op < OPS_PER_ROUND / threads; op++) {
                        k = k * 1103515245 + 12345;
                        byte[] key = keys[(k >>> 1) % KEYS];
                        if ((op & 3) == 0) {
                            store.store(StorageVerb.SET, key, 0, 0, value, 0, 0, false, false, Store.NO_TTL, result);
                        } else {
                            store.get(key);
                        }
                    }
                    cpuNanos.add(CPU.getCurrentThreadCpuTime() - cpuBegan);
                });
                worker.start();
                workers.add(worker);
            }
            await(start);
            long began = System.nanoTime();
            for (Thread worker : workers) {
                worker.join();
            }
            double rate = OPS_PER_ROUND / ((System.nanoTime() - began) / 1e9);
            double cpuRate = OPS_PER_ROUND / (cpuNanos.sum() / 1e9);
            if (round >= 0) {
                rates[round] = rate;
                cpuRates[round] = cpuRate;
                System.out.printf("round %d: %.0f ops/s, %.0f ops per CPU second%n", round, rate, cpuRate);
            }
        }
        Arrays.sort(rates);
        Arrays.sort(cpuRates);
        System.out.printf("threads %d, quotas %d: median %.0f ops/s, %.0f ops per CPU second, evictions %d%n",
                threads, quotas, rates[rounds / 2], cpuRates[rounds / 2], store.counters().evictions.sum());
    }

    /**
     * Reflection for the quota constructor, so that this same file also runs against a build
     * without quotas (main before them), for a comparison in one sitting.
     */
    static Store newStore(int quotas) throws ReflectiveOperationException {
        if (quotas == 0) {
            return new Store(MEMORY, Clock.system());
        }
        java.util.Map<String, Long> map = new java.util.TreeMap<>();
        for (int i = 0; i < quotas; i++) {
            map.put("quota" + i, 1L << 20);
        }
        return Store.class.getConstructor(long.class, java.util.Map.class, Clock.class)
                .newInstance(MEMORY, map, Clock.system());
    }

    private static void await(CyclicBarrier barrier) {
        try {
            barrier.await();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
