package io.memcluster.server.snapshot;

import java.util.HashMap;
import java.util.Map;
import java.util.NavigableMap;
import java.util.TreeMap;

/**
 * Which items to load when the files hold more than fits: the most recently used first. From
 * each file's bytes by last-access second, it finds the oldest second still loaded, per namespace
 * under its quota and then over all of them under the store's limit; of that second itself only
 * as many bytes as are left. Items of one second come in file order.
 */
final class RecencyCutoff {

    static final RecencyCutoff NONE = new RecencyCutoff(Map.of(), Long.MIN_VALUE, new long[] {Long.MAX_VALUE});

    /** Per namespace: the oldest second it loads, and what it may still load of that second. */
    private record Limit(long second, long[] allowance) {
    }

    private final Map<String, Limit> byNamespace;
    private final long globalSecond;
    private final long[] globalAllowance;

    private RecencyCutoff(Map<String, Limit> byNamespace, long globalSecond, long[] globalAllowance) {
        this.byNamespace = byNamespace;
        this.globalSecond = globalSecond;
        this.globalAllowance = globalAllowance;
    }

    /**
     * @param bytesByAccess per namespace, the bytes its live items take by last-access second
     * @param quotaRoom     per namespace with a quota, the bytes it may still take
     * @param room          the bytes the store may still take
     */
    static RecencyCutoff plan(Map<String, TreeMap<Long, Long>> bytesByAccess, Map<String, Long> quotaRoom,
            long room) {
        Map<String, Limit> limits = new HashMap<>();
        TreeMap<Long, Long> merged = new TreeMap<>();
        for (Map.Entry<String, TreeMap<Long, Long>> ns : bytesByAccess.entrySet()) {
            Long quota = quotaRoom.get(ns.getKey());
            Limit limit = quota == null ? new Limit(Long.MIN_VALUE, new long[] {Long.MAX_VALUE})
                    : cut(ns.getValue(), quota);
            limits.put(ns.getKey(), limit);
            for (Map.Entry<Long, Long> second : ns.getValue().tailMap(limit.second(), true).entrySet()) {
                long bytes = second.getKey() == limit.second() ? Math.min(second.getValue(), limit.allowance()[0])
                        : second.getValue();
                merged.merge(second.getKey(), bytes, Long::sum);
            }
        }
        Limit global = cut(merged, room);
        return new RecencyCutoff(limits, global.second(), global.allowance());
    }

    /** The oldest second whose bytes, with all newer ones, still fit in {@code room}. */
    private static Limit cut(NavigableMap<Long, Long> bytesBySecond, long room) {
        long left = room;
        for (Map.Entry<Long, Long> second : bytesBySecond.descendingMap().entrySet()) {
            if (second.getValue() > left) {
                return new Limit(second.getKey(), new long[] {Math.max(0, left)});
            }
            left -= second.getValue();
        }
        return new Limit(Long.MIN_VALUE, new long[] {Long.MAX_VALUE});
    }

    /** The test for one namespace's items, in the order they are read. */
    Admission admission(String namespace) {
        if (this == NONE) {
            return (lastAccess, bytes) -> true;
        }
        Limit own = byNamespace.getOrDefault(namespace, new Limit(Long.MIN_VALUE, new long[] {Long.MAX_VALUE}));
        // the allowances are shared by the workers loading a file's chunks, and the global one by every file
        return (lastAccess, bytes) -> {
            synchronized (globalAllowance) {
                return admits(own, lastAccess, bytes);
            }
        };
    }

    private boolean admits(Limit own, long lastAccess, long bytes) {
        if (lastAccess < own.second() || lastAccess < globalSecond) {
            return false;
        }
        boolean atOwn = lastAccess == own.second();
        boolean atGlobal = lastAccess == globalSecond;
        if ((atOwn && own.allowance()[0] < bytes) || (atGlobal && globalAllowance[0] < bytes)) {
            return false;
        }
        if (atOwn) {
            own.allowance()[0] -= bytes;
        }
        if (atGlobal) {
            globalAllowance[0] -= bytes;
        }
        return true;
    }

    /** Whether an item last used at {@code lastAccess} (unix seconds) taking {@code bytes} is loaded. */
    @FunctionalInterface
    interface Admission {
        boolean admits(long lastAccess, long bytes);
    }
}
