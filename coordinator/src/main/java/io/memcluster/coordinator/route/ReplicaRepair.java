package io.memcluster.coordinator.route;

import io.memcluster.coordinator.link.LinkFailure;
import io.memcluster.coordinator.link.NodePool;
import io.memcluster.coordinator.link.ReplyCallback;
import io.memcluster.hashing.KetamaPoint;
import io.memcluster.protocol.Command;
import io.memcluster.protocol.MetaStatus;
import io.memcluster.protocol.Reply;
import io.netty.channel.EventLoop;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Consumer;

/**
 * Makes two replicas agree, on the catch-up thread (it blocks): their digests first (a few
 * kilobytes each), then, for the segments whose digests differ or cannot be compared (see
 * {@link SegmentPlan}), the keys and versions of both in batches of about {@link #BATCH_KEYS},
 * then for each key they share that one holds at a lower version or not at all, the newer item
 * (fetched from the node that has it) or the newer delete, copied to the other as a versioned
 * write: a node applies it only if it is still newer than what it holds, so writes that clients
 * make meanwhile always win. At most {@link #IN_FLIGHT} copies are under way at once, on the
 * pooled links, beside the clients' requests.
 */
final class ReplicaRepair {

    /** Keys listed per batch, from each node: what the coordinator holds of a comparison at once. */
    static final int BATCH_KEYS = 50_000;
    /** Copies under way at once. */
    static final int IN_FLIGHT = 64;

    /** Why a repair stopped: a node could not be asked. */
    static final class Stopped extends Exception {
        Stopped(String message) {
            super(message, null, false, false);
        }
    }

    private final Cluster cluster;
    private final EventLoop loop;
    private final Duration timeout;
    private final CatchUpProgress progress;
    private final Semaphore inFlight = new Semaphore(IN_FLIGHT);
    private final int[] scratch;

    ReplicaRepair(Cluster cluster, EventLoop loop, Duration timeout, CatchUpProgress progress) {
        this.cluster = cluster;
        this.loop = loop;
        this.timeout = timeout;
        this.progress = progress;
        this.scratch = new int[Math.max(1, cluster.replicationFactor())];
    }

    /** Digests of {@code a} and {@code b} (pool indexes), then what differs copied both ways. */
    void repair(int a, int b) throws Stopped, InterruptedException {
        byte[] plan = SegmentPlan.of(cluster.ring(), cluster.replicationFactor(), a, b);
        Map<String, Reply.DigestSegment[]> digestA = digest(a);
        Map<String, Reply.DigestSegment[]> digestB = digest(b);
        TreeSet<String> namespaces = new TreeSet<>(digestA.keySet());
        namespaces.addAll(digestB.keySet());
        for (String namespace : namespaces) {
            Reply.DigestSegment[] inA = digestA.getOrDefault(namespace, new Reply.DigestSegment[plan.length]);
            Reply.DigestSegment[] inB = digestB.getOrDefault(namespace, new Reply.DigestSegment[plan.length]);
            List<Integer> differing = new ArrayList<>();
            for (int segment = 0; segment < plan.length; segment++) {
                if (plan[segment] == SegmentPlan.NONE || (inA[segment] == null && inB[segment] == null)) {
                    continue;
                }
                progress.segmentsTotal.incrementAndGet();
                if (plan[segment] == SegmentPlan.COMPARE && same(inA[segment], inB[segment])) {
                    progress.segmentsDone.incrementAndGet();
                    continue;
                }
                differing.add(segment);
            }
            if (!differing.isEmpty()) {
                compareKeys(a, b, namespace, differing, inA, inB);
            }
        }
        awaitCopies();
    }

    private static boolean same(Reply.DigestSegment x, Reply.DigestSegment y) {
        if (x == null || y == null) {
            return x == y;
        }
        return x.count() == y.count() && x.xor() == y.xor();
    }

    /** The differing segments in batches of about {@link #BATCH_KEYS} keys by the digests' counts. */
    private void compareKeys(int a, int b, String namespace, List<Integer> segments, Reply.DigestSegment[] inA,
            Reply.DigestSegment[] inB) throws Stopped, InterruptedException {
        BitSet batch = new BitSet(KetamaPoint.DIGEST_SEGMENTS);
        long weight = 0;
        for (int i = 0; i < segments.size(); i++) {
            int segment = segments.get(i);
            batch.set(segment);
            weight += Math.max(count(inA[segment]), count(inB[segment]));
            if (weight >= BATCH_KEYS || i == segments.size() - 1) {
                compareBatch(a, b, namespace, batch);
                progress.segmentsDone.addAndGet(batch.cardinality());
                batch = new BitSet(KetamaPoint.DIGEST_SEGMENTS);
                weight = 0;
            }
        }
    }

    private static long count(Reply.DigestSegment segment) {
        return segment == null ? 0 : segment.count();
    }

    private void compareBatch(int a, int b, String namespace, BitSet segments) throws Stopped, InterruptedException {
        Command ask = new Command.DigestKeys(namespace, segments);
        Map<ByteBuffer, Reply.DigestKey> ofA = new HashMap<>();
        listing(a, ask, key -> {
            if (sharedBy(key.key(), a, b)) {
                ofA.put(ByteBuffer.wrap(key.key()), key);
            }
        });
        List<Reply.DigestKey> ofB = new ArrayList<>();
        listing(b, ask, key -> {
            if (sharedBy(key.key(), a, b)) {
                ofB.add(key);
            }
        });
        progress.keysListed.addAndGet(ofA.size() + ofB.size());
        boolean differed = false;
        for (Reply.DigestKey inB : ofB) {
            Reply.DigestKey inA = ofA.remove(ByteBuffer.wrap(inB.key()));
            int order = inA == null ? -1 : Long.compareUnsigned(inA.version(), inB.version());
            if (order < 0) {
                copy(b, a, inB);
                differed = true;
            } else if (order > 0) {
                copy(a, b, inA);
                differed = true;
            }
        }
        for (Reply.DigestKey onlyInA : ofA.values()) {
            copy(a, b, onlyInA);
            differed = true;
        }
        if (differed) {
            progress.segmentsDiffering.addAndGet(segments.cardinality());
        }
    }

    /** Whether both nodes are among the key's replicas (a listed segment also holds others' keys). */
    private boolean sharedBy(byte[] key, int a, int b) {
        return SegmentPlan.holdsBoth(scratch, cluster.ringReplicasOf(key, scratch), a, b);
    }

    /**
     * The newer side of a key to the other node: a delete as a versioned delete, an item fetched
     * whole from {@code from} (value, flags, TTL, version) and written to {@code to} versioned.
     */
    private void copy(int from, int to, Reply.DigestKey newer) throws InterruptedException {
        inFlight.acquire();
        NodePool target = cluster.pool(to);
        if (newer.tombstone()) {
            target.linkFor(loop).send(NodeRequests.delete(newer.key(), newer.binaryKey(), newer.version()),
                    finished(progress.deletesCopied));
            return;
        }
        cluster.pool(from).linkFor(loop).send(NodeRequests.fetch(newer.key(), newer.binaryKey()), new ReplyCallback() {
            @Override
            public void completed(Reply reply) {
                if (reply instanceof Reply.Meta item && item.status() == MetaStatus.VA) {
                    target.linkFor(loop).send(NodeRequests.copy(newer.key(), item, newer.binaryKey()),
                            finished(progress.keysCopied));
                } else {
                    // gone meanwhile (deleted, expired, evicted): its delete, if any, is listed next time
                    inFlight.release();
                }
            }

            @Override
            public void failed(LinkFailure failure) {
                progress.copyFailures.incrementAndGet();
                inFlight.release();
            }
        });
    }

    /** A copy's last step: counted when the node applied it (or had something newer), then the permit back. */
    private ReplyCallback finished(java.util.concurrent.atomic.AtomicLong counter) {
        return new ReplyCallback() {
            @Override
            public void completed(Reply reply) {
                if (reply instanceof Reply.Meta meta && meta.status() != MetaStatus.NS
                        && meta.status() != MetaStatus.EX) {
                    counter.incrementAndGet();
                }
                inFlight.release();
            }

            @Override
            public void failed(LinkFailure failure) {
                progress.copyFailures.incrementAndGet();
                inFlight.release();
            }
        };
    }

    private void awaitCopies() throws InterruptedException, Stopped {
        if (!inFlight.tryAcquire(IN_FLIGHT, timeout.toMillis() * 4, TimeUnit.MILLISECONDS)) {
            throw new Stopped("copies unanswered after " + timeout.toSeconds() * 4 + " s");
        }
        inFlight.release(IN_FLIGHT);
    }

    /** The node's digest by namespace, each an array by segment (null where the node has nothing). */
    private Map<String, Reply.DigestSegment[]> digest(int node) throws Stopped, InterruptedException {
        Map<String, Reply.DigestSegment[]> digests = new HashMap<>();
        listing(node, new Command.Digest(null), element -> {
        }, segment -> digests.computeIfAbsent(segment.namespace(),
                ns -> new Reply.DigestSegment[KetamaPoint.DIGEST_SEGMENTS])[segment.segment()] = segment);
        return digests;
    }

    private void listing(int node, Command command, Consumer<Reply.DigestKey> keys) throws Stopped,
            InterruptedException {
        listing(node, command, keys, segment -> {
        });
    }

    /** One listing on a connection of its own, its elements handed over on the link's loop as they come. */
    private void listing(int node, Command command, Consumer<Reply.DigestKey> keys,
            Consumer<Reply.DigestSegment> segments) throws Stopped, InterruptedException {
        NodePool pool = cluster.pool(node);
        if (!pool.isUp()) {
            throw new Stopped("node " + pool.address().name() + " is down");
        }
        CompletableFuture<Reply> done = new CompletableFuture<>();
        pool.sendAlone(loop, command, timeout, new ReplyCallback() {
            @Override
            public void element(Reply element) {
                if (element instanceof Reply.DigestKey key) {
                    keys.accept(key);
                } else if (element instanceof Reply.DigestSegment segment) {
                    segments.accept(segment);
                }
            }

            @Override
            public void completed(Reply reply) {
                done.complete(reply);
            }

            @Override
            public void failed(LinkFailure failure) {
                done.completeExceptionally(failure);
            }
        });
        Reply end;
        try {
            end = done.get(timeout.toMillis() * 2, TimeUnit.MILLISECONDS);
        } catch (ExecutionException e) {
            throw new Stopped("node " + pool.address().name() + " could not list its digest: "
                    + e.getCause().getMessage());
        } catch (TimeoutException e) {
            throw new Stopped("node " + pool.address().name() + " did not list its digest within "
                    + timeout.toSeconds() * 2 + " s");
        }
        if (!(end instanceof Reply.End)) {
            throw new Stopped("node " + pool.address().name() + " answered the digest with " + end
                    + " (a node older than the versions?)");
        }
    }
}
