package io.memcluster.config;

import com.sun.management.HotSpotDiagnosticMXBean;
import java.lang.management.ManagementFactory;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Predicate;

/**
 * The memory a node's or a coordinator's JVM may take, derived from its configuration, and the
 * JVM options that hold it there. {@code bin/memcluster} asks the process's own command for them
 * ({@code --print-jvm-options}, same file, environment and flags) before it starts the JVM, so a
 * daemon that {@code up} or the coordinator starts is sized as an operator's command would be.
 *
 * <p>Without them the JVM sized itself from the machine: an initial heap of 1/64 of RAM and a
 * ceiling of 3/4 of it, and direct memory (where Netty keeps every connection's buffers) as large
 * as the heap. Under fuzzing, a node with 64 MiB of items grew to 1.77 GB resident, none of it
 * data: a 376 MB initial heap the parallel collector never gave back, its tables for a 17.6 GB
 * heap, and Netty's direct buffers for large replies, 520 MB at their peak (BENCHMARKS.md, fuzz,
 * with native memory tracking). Bounding the heap and direct memory was not enough: glibc kept
 * the freed direct buffers (about 200 MB more than the JVM had committed after a 90 s fuzz), so
 * the JVM also returns free native memory to the system every {@link #TRIM_INTERVAL_MS} ms where
 * it can ({@code -XX:TrimNativeHeapInterval}, JDK 17.0.9 and later).
 *
 * @param heap   the heap's ceiling ({@code -Xmx}): the store's items plus what each holds beyond
 *               its bytes, headroom for the collector, the connections' buffers and a base for
 *               the server's own objects
 * @param direct the ceiling of direct memory ({@code -XX:MaxDirectMemorySize}), which bounds
 *               Netty's buffers: past it a connection that wants more fails, and the process lives
 * @param initialHeap the heap committed at start ({@code -Xms}), 0 for the JVM's own choice: a
 *               node about to load its snapshots starts with room for them (see
 *               {@link #withRoomFor})
 */
public record JvmMemory(long heap, long direct, long initialHeap) {

    /** The node's own objects besides items and connections: classes' data, tables, TLS sessions. */
    static final long NODE_BASE_HEAP = 32 * Sizes.MB;
    /** The coordinator's: ring, per-node links and their queues of pending requests. */
    static final long COORDINATOR_BASE_HEAP = 64 * Sizes.MB;
    /**
     * The heap beyond the store's limit, as a fraction of it: the store counts each item's bytes
     * plus {@code Item.OVERHEAD}, and a collector needs room above the live data or it collects
     * without end.
     */
    static final int STORE_HEADROOM_DIVISOR = 4;
    /** Below this an initial heap for a node's snapshots is the JVM's own business. */
    static final long ROOM_FROM = 256 * Sizes.MB;
    /** How often the JVM hands free malloc memory back (malloc_trim), as in the fuzz run measured. */
    static final int TRIM_INTERVAL_MS = 5_000;
    static final String TRIM_OPTION = "TrimNativeHeapInterval";

    public JvmMemory {
        if (heap < Sizes.MB || direct < Sizes.MB) {
            throw new IllegalArgumentException("heap " + heap + " and direct " + direct + " (expected at least 1m each)");
        }
        if (initialHeap < 0 || initialHeap > heap) {
            throw new IllegalArgumentException("initial heap " + initialHeap + " (expected 0 to " + heap + ")");
        }
    }

    public JvmMemory(long heap, long direct) {
        this(heap, direct, 0);
    }

    /**
     * With the heap committed at start for {@code items} bytes of items (what a node's snapshot
     * files hold) plus the collector's headroom and a base, at most the ceiling. The parallel
     * collector grows a small heap by full collections of everything it holds: loading 1.4 GB of
     * snapshots into a heap that started at its default took 15 of them and 33 s; started at its
     * size, none and 10 s. Pages of the heap that hold nothing are not resident, so this costs
     * no memory; and with files smaller than {@link #ROOM_FROM} it is left to the JVM, as before,
     * whose initial heap is then about as large.
     */
    public JvmMemory withRoomFor(long items) {
        long wanted = saturatedSum(items, items / STORE_HEADROOM_DIVISOR, NODE_BASE_HEAP);
        if (wanted < ROOM_FROM) {
            return new JvmMemory(heap, direct, 0);
        }
        return new JvmMemory(heap, direct, Math.min(heap, roundUpToMb(wanted)));
    }

    /** {@code node.memory} plus a quarter, {@code node.connection_buffers}, and a base. */
    public static JvmMemory forNode(NodeConfig node) {
        long heap = saturatedSum(node.memoryLimit(), node.memoryLimit() / STORE_HEADROOM_DIVISOR,
                node.connectionBuffers(), NODE_BASE_HEAP);
        return new JvmMemory(roundUpToMb(heap), roundUpToMb(node.connectionBuffers()));
    }

    /**
     * The coordinator keeps no items, but values pass through its heap: twice
     * {@code coordinator.connection_buffers}, and a base. Half the buffers is what the values of
     * writes on their way to the nodes are kept near, replies being read and written take the
     * rest, and the collector needs as much again above what is live: in a 10-minute fuzz its
     * live heap peaked at 76 MB, and a heap of once the buffers (128m) ran out after 4 minutes.
     */
    public static JvmMemory forCoordinator(CoordinatorConfig coordinator) {
        long heap = saturatedSum(coordinator.connectionBuffers(), coordinator.connectionBuffers(),
                COORDINATOR_BASE_HEAP);
        return new JvmMemory(roundUpToMb(heap), roundUpToMb(coordinator.connectionBuffers()));
    }

    /**
     * The options for the JVM this one runs in (the launcher starts both with the same java).
     * The launcher puts {@code MEMCLUSTER_JAVA_OPTS} after them, so an operator's own {@code -Xmx}
     * still wins.
     */
    public List<String> options() {
        return options(JvmMemory::thisJvmKnows);
    }

    /**
     * In megabytes; the native heap's trimming only where {@code vmKnows} the option, since a
     * JVM refuses to start with one it does not know.
     */
    public List<String> options(Predicate<String> vmKnows) {
        List<String> options = new ArrayList<>(List.of("-Xmx" + heap / Sizes.MB + "m",
                "-XX:MaxDirectMemorySize=" + direct / Sizes.MB + "m"));
        if (initialHeap > 0) {
            options.add(0, "-Xms" + initialHeap / Sizes.MB + "m");
        }
        if (vmKnows.test(TRIM_OPTION)) {
            options.add("-XX:" + TRIM_OPTION + "=" + TRIM_INTERVAL_MS);
        }
        return List.copyOf(options);
    }

    private static boolean thisJvmKnows(String option) {
        try {
            ManagementFactory.getPlatformMXBean(HotSpotDiagnosticMXBean.class).getVMOption(option);
            return true;
        } catch (IllegalArgumentException | UnsupportedOperationException unknownHere) {
            return false;
        }
    }

    private static long roundUpToMb(long bytes) {
        long mb = bytes / Sizes.MB + (bytes % Sizes.MB == 0 ? 0 : 1);
        return mb > Long.MAX_VALUE / Sizes.MB ? Long.MAX_VALUE / Sizes.MB * Sizes.MB : mb * Sizes.MB;
    }

    private static long saturatedSum(long... parts) {
        long sum = 0;
        for (long part : parts) {
            sum = sum > Long.MAX_VALUE - part ? Long.MAX_VALUE : sum + part;
        }
        return sum;
    }
}
