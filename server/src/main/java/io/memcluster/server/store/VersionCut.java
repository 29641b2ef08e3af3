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

    /** Per namespace that existed when the cut opened: the namespace, and its highest version then. */
    private record Tracked(Namespace namespace, long highestBefore) {
    }

    private final Map<String, Tracked> tracked;

    private VersionCut(Map<String, Tracked> tracked) {
        this.tracked = tracked;
    }

    /**
     * The watermark of namespace {@code name} once the walk has ended (call after
     * {@link Store#closeCut}): 0 for a namespace created during the walk.
     */
    public long watermark(String name) {
        Tracked t = tracked.get(name);
        if (t == null) {
            return 0;
        }
        long lowest = t.namespace().lowestDuringCut();
        if (lowest == 0) {
            return 0;
        }
        if (lowest != Namespace.NONE_DURING_CUT && Long.compareUnsigned(lowest - 1, t.highestBefore()) < 0) {
            return lowest - 1;
        }
        return t.highestBefore();
    }

    static VersionCut open(Iterable<Namespace> namespaces) {
        Map<String, Tracked> tracked = new HashMap<>();
        for (Namespace ns : namespaces) {
            // tracking first, then the highest version: a write in between is in one or the other
            ns.startCut();
            tracked.put(ns.name(), new Tracked(ns, ns.maxCas()));
        }
        return new VersionCut(tracked);
    }

    void close() {
        for (Tracked t : tracked.values()) {
            t.namespace().endCut();
        }
    }
}
