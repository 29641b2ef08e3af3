package io.memcluster.coordinator.route;

import io.memcluster.coordinator.ring.HashRing;
import io.memcluster.hashing.KetamaPoint;

/**
 * What two replicas' digests can say, segment by segment: a digest segment is an arc of the ring
 * (see {@link KetamaPoint#digestSegment}), and where the replicas of its keys are both nodes
 * throughout, the two nodes' digests of it must be equal ({@link #COMPARE}); where only some of
 * its keys belong to both (the arc holds a ring point where the replicas change), each node also
 * counts keys the other must not have, so only a listing of the keys tells ({@link #LIST});
 * where none does, there is nothing to compare ({@link #NONE}).
 */
final class SegmentPlan {

    static final byte NONE = 0;
    static final byte COMPARE = 1;
    static final byte LIST = 2;

    private SegmentPlan() {
    }

    /** Per digest segment, what to do for nodes {@code a} and {@code b} (ring indexes). */
    static byte[] of(HashRing ring, int replicationFactor, int a, int b) {
        byte[] plan = new byte[KetamaPoint.DIGEST_SEGMENTS];
        int[] scratch = new int[Math.min(replicationFactor, ring.size())];
        for (int segment = 0; segment < plan.length; segment++) {
            long from = KetamaPoint.firstPointOf(segment);
            long to = KetamaPoint.firstPointOf(segment + 1);
            // keys in [from, p1] have the replicas of from, those in (p1, p2] of p1 + 1, and so on
            boolean any = sharesBoth(ring, from, replicationFactor, scratch, a, b);
            boolean all = any;
            for (long point : ring.pointsIn(from, to - 1)) {
                boolean shared = sharesBoth(ring, point + 1, replicationFactor, scratch, a, b);
                any |= shared;
                all &= shared;
            }
            plan[segment] = all ? COMPARE : any ? LIST : NONE;
        }
        return plan;
    }

    private static boolean sharesBoth(HashRing ring, long point, int replicationFactor, int[] scratch, int a, int b) {
        return holdsBoth(scratch, ring.replicasForPoint(point, replicationFactor, scratch), a, b);
    }

    /** Whether nodes {@code a} and {@code b} are both among the first {@code count} of {@code replicas}. */
    static boolean holdsBoth(int[] replicas, int count, int a, int b) {
        boolean hasA = false;
        boolean hasB = false;
        for (int i = 0; i < count; i++) {
            hasA |= replicas[i] == a;
            hasB |= replicas[i] == b;
        }
        return hasA && hasB;
    }
}
