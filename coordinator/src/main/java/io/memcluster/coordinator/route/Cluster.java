package io.memcluster.coordinator.route;

import io.memcluster.config.WritePolicy;
import io.memcluster.coordinator.hint.HintedHandoff;
import io.memcluster.coordinator.link.NodePool;
import io.memcluster.coordinator.ring.HashRing;
import io.memcluster.coordinator.version.HybridClock;
import io.memcluster.protocol.Command;
import java.util.List;

/**
 * The nodes as the router sees them: the ring, one pool per ring member (at the member's ring
 * index), how many replicas each key has, the write policy, the clock that versions writes,
 * and the hints kept for replicas that miss them.
 */
public final class Cluster {

    private final HashRing ring;
    private final NodePool[] pools;
    private final int replicationFactor;
    private final WritePolicy writePolicy;
    private final HybridClock versions;
    /** The catch-up runs, once the coordinator has started them; null in tests without. */
    private volatile CatchUp catchUp;
    /** How many nodes are catching up now. */
    private volatile int catchingUp;
    private final HintedHandoff hints;

    /**
     * @param pools in the ring's node order
     * @param hints by the ring's node order too
     */
    public Cluster(HashRing ring, List<NodePool> pools, int replicationFactor, WritePolicy writePolicy,
            HybridClock versions, HintedHandoff hints) {
        if (pools.size() != ring.size()) {
            throw new IllegalArgumentException(pools.size() + " pools for a ring of " + ring.size() + " nodes");
        }
        for (int i = 0; i < pools.size(); i++) {
            if (!pools.get(i).address().name().equals(ring.nodes().get(i).name())) {
                throw new IllegalArgumentException("pool " + i + " is " + pools.get(i).address().name()
                        + ", the ring's node " + i + " is " + ring.nodes().get(i).name());
            }
        }
        this.ring = ring;
        this.pools = pools.toArray(new NodePool[0]);
        this.replicationFactor = Math.min(replicationFactor, ring.size());
        this.writePolicy = writePolicy;
        this.versions = versions;
        this.hints = hints;
    }

    /**
     * The key's replicas, primary first, as pool indexes into a new array; a replica that is
     * catching up comes after the others, so that reads (and a read-modify-write's decision) go
     * to it only when no other can answer. Writes go to every replica whatever the order.
     */
    Replicas replicasOf(byte[] key) {
        int[] into = new int[replicationFactor];
        int count = ring.replicasFor(key, replicationFactor, into);
        if (catchingUp > 0) {
            behindLast(into, count);
        }
        return new Replicas(into, count);
    }

    /** The key's replicas in ring order, catching up or not: where the key belongs. */
    int ringReplicasOf(byte[] key, int[] into) {
        return ring.replicasFor(key, replicationFactor, into);
    }

    /** Moves the replicas that are catching up to the end, keeping the others' order. */
    private void behindLast(int[] replicas, int count) {
        int[] behind = null;
        int kept = 0;
        int moved = 0;
        for (int i = 0; i < count; i++) {
            if (pools[replicas[i]].isCatchingUp()) {
                if (behind == null) {
                    behind = new int[count];
                }
                behind[moved++] = replicas[i];
            } else {
                replicas[kept++] = replicas[i];
            }
        }
        if (moved > 0) {
            System.arraycopy(behind, 0, replicas, kept, moved);
        }
    }

    /** The catch-up runs, or null when there are none (see {@link #attach}). */
    public CatchUp catchUp() {
        return catchUp;
    }

    /** The coordinator's catch-up, for the reports. */
    public void attach(CatchUp runs) {
        this.catchUp = runs;
    }

    /** A node starts or stops catching up: counted so that replicasOf looks only when one is. */
    void catchingUp(int index, boolean catchingUp) {
        NodePool pool = pools[index];
        synchronized (this) {
            if (pool.isCatchingUp() != catchingUp) {
                pool.setCatchingUp(catchingUp);
                this.catchingUp += catchingUp ? 1 : -1;
            }
        }
    }

    /**
     * The key's first replica among {@code listed} (by pool index), or -1: the node whose copy of
     * a key a listing shows, from the nodes that were up when the listing began, so that a node
     * going up or down meanwhile cannot make a key listed twice or not at all.
     */
    int firstReplicaAmong(byte[] key, boolean[] listed, int[] scratch) {
        int count = ring.replicasFor(key, replicationFactor, scratch);
        for (int i = 0; i < count; i++) {
            if (listed[scratch[i]]) {
                return scratch[i];
            }
        }
        return -1;
    }

    NodePool pool(int index) {
        return pools[index];
    }

    /** Every node, in ring order. */
    public List<NodePool> pools() {
        return List.of(pools);
    }

    public int size() {
        return pools.length;
    }

    public int replicationFactor() {
        return replicationFactor;
    }

    public WritePolicy writePolicy() {
        return writePolicy;
    }

    public HashRing ring() {
        return ring;
    }

    /**
     * The replica at pool index {@code node} did not acknowledge {@code command}, a write that
     * reached another replica: kept for it as a hint if it is one a replay may repeat.
     */
    void missed(int node, Command command) {
        hints.record(node, command);
    }

    /** Whether the replica at pool index {@code node} still has hints to receive: reads prefer its peers. */
    boolean behind(int node) {
        return hints.behind(node);
    }

    /** What is kept for replicas that missed writes. */
    public HintedHandoff hints() {
        return hints;
    }

    /** A version for a write: the CAS every replica gives the item. */
    long nextVersion() {
        return versions.next();
    }

    /**
     * Keeps later versions above one seen elsewhere (a node's CAS, a client's E), unless it is
     * more than {@code cluster.max_clock_skew} ahead of this coordinator's clock.
     *
     * @return false when refused as too far ahead
     */
    boolean observeVersion(long version, String source) {
        return versions.observe(version, source);
    }

    /** The clock that versions the writes. */
    public HybridClock versions() {
        return versions;
    }

    /**
     * How many replicas must acknowledge a write: every one that is up ({@code all_live}), or a
     * majority of R ({@code quorum}), of which {@code up} are up at the time of the write.
     */
    int acksNeeded(int up) {
        return writePolicy == WritePolicy.QUORUM ? replicationFactor / 2 + 1 : up;
    }
}
