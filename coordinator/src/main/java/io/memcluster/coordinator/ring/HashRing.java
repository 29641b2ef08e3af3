package io.memcluster.coordinator.ring;

import io.memcluster.hashing.KetamaPoint;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * A ketama consistent-hash ring. A key hashes to a point; its primary is the node owning the
 * first ring point at or after it (wrapping to the first point), and its replicas are the first
 * distinct nodes from there clockwise, so that a node joining or leaving moves about 1/N of the
 * keys.
 *
 * <p>Points are spymemcached 2.12.3's {@code KetamaNodeLocator} with {@code KETAMA_HASH} for the
 * same node names: MD5 of {@code "<name>-<repetition>"}, 4 points per digest, 160 points per
 * node when all weights are equal (as spymemcached without a weight map) and its weighted
 * formula when they differ (as spymemcached given the weights). When two points collide the node
 * given later owns the point, as in spymemcached. Only the primary is spymemcached's choice:
 * spymemcached looks for a failover node by rehashing the key, the ring by walking on.
 *
 * <p>Immutable and thread-safe; a membership change builds a new ring. Lookups allocate nothing.
 */
public final class HashRing {

    private final List<RingNode> nodes;
    private final long[] points;
    private final int[] owners;

    public HashRing(List<RingNode> nodes) {
        if (nodes == null || nodes.isEmpty()) {
            throw new IllegalArgumentException("a ring needs at least one node");
        }
        Set<String> names = new HashSet<>();
        for (RingNode node : nodes) {
            if (node == null) {
                throw new IllegalArgumentException("a ring node must not be null: " + nodes);
            }
            if (!names.add(node.name())) {
                throw new IllegalArgumentException("ring node names must be unique: " + node.name() + " appears twice");
            }
        }
        this.nodes = List.copyOf(nodes);
        Continuum continuum = Continuum.of(this.nodes);
        this.points = continuum.points;
        this.owners = continuum.owners;
    }

    /** The nodes in the order given; replica indexes point into this list. */
    public List<RingNode> nodes() {
        return nodes;
    }

    public int size() {
        return nodes.size();
    }

    /**
     * Fills {@code into} with the indexes (into {@link #nodes()}) of the first
     * {@code min(n, size())} distinct nodes clockwise from the key's point, primary first, and
     * returns how many. Allocates nothing: it runs for every request.
     */
    public int replicasFor(byte[] key, int n, int[] into) {
        int wanted = replicaCount(n);
        if (into.length < wanted) {
            throw new IllegalArgumentException("room for " + into.length + " replicas, " + wanted + " needed");
        }
        int point = firstPointAtOrAfter(hash(key));
        int found = 0;
        // Ends within one turn of the ring: every node owns at least one point (Continuum checks).
        while (found < wanted) {
            int owner = owners[point];
            if (!contains(into, found, owner)) {
                into[found++] = owner;
            }
            if (++point == points.length) {
                point = 0;
            }
        }
        return found;
    }

    /** The replicas of a key as nodes, primary first: for tests, admin commands and logs. */
    public List<RingNode> replicasFor(byte[] key, int n) {
        int[] indexes = new int[replicaCount(n)];
        int count = replicasFor(key, n, indexes);
        List<RingNode> replicas = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            replicas.add(nodes.get(indexes[i]));
        }
        return replicas;
    }

    /** The index (into {@link #nodes()}) of the key's first replica. */
    public int primaryFor(byte[] key) {
        return owners[firstPointAtOrAfter(hash(key))];
    }

    /** ketama's key hash: the first 4 bytes of MD5(key), little-endian, unsigned. */
    public static long hash(byte[] key) {
        return KetamaPoint.of(key);
    }

    /** The index of the first point at or after {@code hash}, wrapping past the last point. */
    private int firstPointAtOrAfter(long hash) {
        int index = Arrays.binarySearch(points, hash);
        if (index < 0) {
            index = -index - 1;
        }
        return index == points.length ? 0 : index;
    }

    private int replicaCount(int n) {
        if (n < 1) {
            throw new IllegalArgumentException("replica count must be at least 1: " + n);
        }
        return Math.min(n, nodes.size());
    }

    private static boolean contains(int[] indexes, int count, int index) {
        for (int i = 0; i < count; i++) {
            if (indexes[i] == index) {
                return true;
            }
        }
        return false;
    }

    @Override
    public String toString() {
        return "HashRing" + nodes + " with " + points.length + " points";
    }
}
