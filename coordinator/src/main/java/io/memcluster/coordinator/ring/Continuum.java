package io.memcluster.coordinator.ring;

import io.memcluster.hashing.Md5;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The ketama points of a set of nodes: a sorted array of 32-bit points and, in parallel, the
 * index of the node that owns each one. Built exactly as spymemcached 2.12.3's
 * {@code KetamaNodeLocator} builds its continuum, so that both place every key alike.
 */
final class Continuum {

    /** ketama's points per node at equal weight: 40 MD5 digests of 4 points each. */
    static final int POINTS_PER_NODE = 160;

    private static final int POINTS_PER_DIGEST = Md5.LENGTH / 4;

    final long[] points;
    final int[] owners;

    private Continuum(long[] points, int[] owners) {
        this.points = points;
        this.owners = owners;
    }

    static Continuum of(List<RingNode> nodes) {
        boolean weighted = nodes.stream().mapToInt(RingNode::weight).distinct().count() > 1;
        int totalWeight = weighted ? totalWeight(nodes) : 0;

        // A TreeMap like spymemcached's: when two points collide, the node put later owns it.
        TreeMap<Long, Integer> ownerByPoint = new TreeMap<>();
        int[] pointsOwned = new int[nodes.size()];
        for (int index = 0; index < nodes.size(); index++) {
            RingNode node = nodes.get(index);
            int digests = weighted
                    ? weightedDigests(node.weight(), totalWeight, nodes.size())
                    : POINTS_PER_NODE / POINTS_PER_DIGEST;
            if (digests == 0) {
                throw new IllegalArgumentException("node " + node.name() + " has weight " + node.weight()
                        + ", too small to get a point on the ring next to a total weight of " + totalWeight
                        + " over " + nodes.size() + " nodes (ketama needs at least 1/40 of the average weight)");
            }
            for (int repetition = 0; repetition < digests; repetition++) {
                byte[] key = (node.name() + "-" + repetition).getBytes(StandardCharsets.UTF_8);
                byte[] digest = Md5.perThread().digest(key);
                for (int offset = 0; offset < Md5.LENGTH; offset += 4) {
                    Integer previous = ownerByPoint.put(Md5.unsignedIntLE(digest, offset), index);
                    pointsOwned[index]++;
                    if (previous != null) {
                        pointsOwned[previous]--;
                    }
                }
            }
        }
        for (int index = 0; index < nodes.size(); index++) {
            if (pointsOwned[index] == 0) {
                // Only conceivable through collisions: each would take 1 in 2^32 per pair of points.
                throw new IllegalArgumentException("node " + nodes.get(index).name()
                        + " lost every point on the ring to collisions with later nodes; give it another name");
            }
        }

        long[] points = new long[ownerByPoint.size()];
        int[] owners = new int[ownerByPoint.size()];
        int i = 0;
        for (Map.Entry<Long, Integer> entry : ownerByPoint.entrySet()) {
            points[i] = entry.getKey();
            owners[i] = entry.getValue();
            i++;
        }
        return new Continuum(points, owners);
    }

    /**
     * spymemcached's weighted ketama: a node gets 4 points for each 1/40 of the average weight it
     * carries, rounded down. It is computed in float, in spymemcached's order of operations,
     * because a float product can land just below a whole number and lose a digest (equal
     * weights over 25 nodes give 39 digests, not 40), and only the same arithmetic keeps the
     * two rings identical. The 1e-10 is spymemcached's; it vanishes in the float cast but is
     * kept so the expression stays the same.
     */
    static int weightedDigests(int weight, int totalWeight, int nodeCount) {
        float share = (float) weight / (float) totalWeight;
        float digests = share * (float) POINTS_PER_NODE / 4 * (float) nodeCount;
        return (int) Math.floor((float) (digests + 0.0000000001));
    }

    private static int totalWeight(List<RingNode> nodes) {
        long total = 0;
        for (RingNode node : nodes) {
            total += node.weight();
        }
        if (total > Integer.MAX_VALUE) {
            throw new IllegalArgumentException("node weights add up to " + total
                    + " (expected: at most " + Integer.MAX_VALUE + "); scale them down");
        }
        return (int) total;
    }
}
