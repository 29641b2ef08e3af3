package io.memcluster.coordinator.route;

/** One key's replicas as pool indexes, primary first ({@code count} of {@code nodes} are used). */
record Replicas(int[] nodes, int count) {

    int node(int i) {
        return nodes[i];
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
