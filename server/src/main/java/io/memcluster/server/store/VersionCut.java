package io.memcluster.server.store;

import java.util.HashMap;
import java.util.Map;

/**
 * The versions a walk over the store can vouch for (see {@link Store#openCut()}): per namespace,
 * the highest version stored before the walk began, lowered below any version stored while it
 * ran. Every write of a version at or below the result was acknowledged before the walk and is
 * in what the walk saw, or was superseded by a later one; a write during the walk may or may not
 * be, whatever its version, which is why one with a low version lowers the mark.
 */
public final class VersionCut {

    private final Map<String, Long> highestBefore;
    private final Map<Namespace, Void> tracked;

    VersionCut(Map<String, Long> highestBefore, Map<Namespace, Void> tracked) {
        this.highestBefore = highestBefore;
        this.tracked = tracked;
    }

    /**
     * The watermark of namespace {@code name} once the walk has ended (call after
     * {@link Store#closeCut}): 0 for a namespace created during the walk.
     */
    public long watermark(String name) {
        Long before = highestBefore.get(name);
        if (before == null) {
            return 0;
        }
        for (Namespace ns : tracked.keySet()) {
            if (ns.name().equals(name)) {
                long lowest = ns.lowestDuringCut();
                if (lowest == 0) {
                    return 0;
                }
                if (lowest != Namespace.NONE_DURING_CUT && Long.compareUnsigned(lowest - 1, before) < 0) {
                    return lowest - 1;
                }
            }
        }
        return before;
    }

    static VersionCut open(Iterable<Namespace> namespaces) {
        Map<String, Long> before = new HashMap<>();
        Map<Namespace, Void> tracked = new java.util.IdentityHashMap<>();
        for (Namespace ns : namespaces) {
            ns.startCut();
            before.put(ns.name(), ns.maxCas());
            tracked.put(ns, null);
        }
        return new VersionCut(before, tracked);
    }

    void close() {
        for (Namespace ns : tracked.keySet()) {
            ns.endCut();
        }
    }
}
