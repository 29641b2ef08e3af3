package io.memcluster.coordinator.route;

/** One key's replicas as pool indexes, primary first ({@code count} of {@code nodes} are used). */
record Replicas(int[] nodes, int count) {

    int node(int i) {
        return nodes[i];
    }

    /**
     * The same replicas with those still receiving hints ({@link Cluster#behind}) after the
     * others, each group in ring order: where a read or a read-modify-write's decision goes, so
     * that a replica back from a failure does not answer with values older than its peers' while
     * its hints are replayed. Itself (no copy) when none is behind, as nearly always.
     */
    Replicas caughtUpFirst(Cluster cluster) {
        boolean[] behind = null;
        int ahead = 0;
        for (int i = 0; i < count; i++) {
            if (cluster.behind(nodes[i])) {
                if (behind == null) {
                    behind = new boolean[count];
                }
                behind[i] = true;
            } else {
                ahead++;
            }
        }
        if (behind == null || ahead == 0) {
            return this;
        }
        int[] order = new int[count];
        int first = 0;
        int last = ahead;
        for (int i = 0; i < count; i++) {
            if (behind[i]) {
                order[last++] = nodes[i];
            } else {
                order[first++] = nodes[i];
            }
        }
        return new Replicas(order, count);
    }

    /** How many of them are up now. */
    int up(Cluster cluster) {
        int up = 0;
        for (int i = 0; i < count; i++) {
            if (cluster.pool(nodes[i]).isUp()) {
                up++;
            }
        }
        return up;
    }
}
