package io.memcluster.coordinator.ring;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * A key's primary is the node that spymemcached's ketama picks for the same node names, so an
 * application that switches between a ketama client and the coordinator finds its keys where
 * it left them. Checked live against spymemcached and against vectors recorded from it once.
 */
class KetamaCompatibilityTest {

    private static final List<RingNode> THREE_EQUAL = equal(3);
    private static final List<RingNode> FIVE_EQUAL = equal(5);
    /** Weights whose shares round down (792 points, not 800): the floor in the formula matters. */
    private static final List<RingNode> WEIGHTED = List.of(
            new RingNode("node1", 1), new RingNode("node2", 2), new RingNode("node3", 3),
            new RingNode("node4", 4), new RingNode("node5", 7));
    /** Two names with a ketama point in common, found by searching "node-0".."node-1999". */
    private static final String COLLIDING_A = "node-546";
    private static final String COLLIDING_B = "node-699";
    private static final long COLLIDING_POINT = 1_410_088_479L;

    @Test
    void threeEqualNodesPickWhatSpymemcachedPicks() {
        assertSamePrimaries(THREE_EQUAL, SpymemcachedKetama.unweighted(THREE_EQUAL));
    }

    @Test
    void fiveEqualNodesPickWhatSpymemcachedPicks() {
        assertSamePrimaries(FIVE_EQUAL, SpymemcachedKetama.unweighted(FIVE_EQUAL));
    }

    @Test
    void weightedNodesPickWhatSpymemcachedPicksGivenTheWeights() {
        assertSamePrimaries(WEIGHTED, SpymemcachedKetama.weighted(WEIGHTED));
    }

    @Test
    void equalWeightsAboveOnePlaceLikeSpymemcachedWithoutWeights() {
        List<RingNode> nodes = List.of(new RingNode("node1", 3), new RingNode("node2", 3), new RingNode("node3", 3));
        assertSamePrimaries(nodes, SpymemcachedKetama.unweighted(nodes));
    }

    @ParameterizedTest
    @ValueSource(booleans = {false, true})
    void aCollidingPointBelongsToTheLaterNodeAsInSpymemcached(boolean swapped) {
        String earlier = swapped ? COLLIDING_B : COLLIDING_A;
        String later = swapped ? COLLIDING_A : COLLIDING_B;
        List<RingNode> nodes = List.of(new RingNode(earlier, 1), new RingNode("node1", 1), new RingNode(later, 1));
        Continuum continuum = Continuum.of(nodes);
        assertThat(continuum.points).hasSize(3 * Continuum.POINTS_PER_NODE - 1).contains(COLLIDING_POINT);

        String key = keyJustBefore(continuum, COLLIDING_POINT);
        assertThat(new HashRing(nodes).replicasFor(key.getBytes(StandardCharsets.UTF_8), 1))
                .extracting(RingNode::name).containsExactly(later);
        assertThat(SpymemcachedKetama.unweighted(nodes).primaryFor(key)).isEqualTo(later);
        assertSamePrimaries(nodes, SpymemcachedKetama.unweighted(nodes));
    }

    @ParameterizedTest
    @ValueSource(strings = {"ring/ketama-3-nodes.txt", "ring/ketama-weighted-5-nodes.txt"})
    void recordedVectorsStillHold(String resource) throws IOException {
        GoldenFile golden = GoldenFile.read(resource);
        HashRing ring = new HashRing(golden.nodes);
        assertThat(golden.keys).hasSizeGreaterThan(300);
        for (int i = 0; i < golden.keys.size(); i++) {
            byte[] key = golden.keys.get(i).getBytes(StandardCharsets.UTF_8);
            assertThat(ring.nodes().get(ring.primaryFor(key)).name())
                    .as("primary of %s in %s", golden.keys.get(i), resource)
                    .isEqualTo(golden.expected.get(i));
        }
    }

    private static void assertSamePrimaries(List<RingNode> nodes, SpymemcachedKetama spymemcached) {
        HashRing ring = new HashRing(nodes);
        List<String> keys = new ArrayList<>();
        IntStream.range(0, 10_000).forEach(i -> keys.add("key:" + i));
        keys.addAll(unusualKeys());
        for (String key : keys) {
            String ours = ring.nodes().get(ring.primaryFor(key.getBytes(StandardCharsets.UTF_8))).name();
            assertThat(ours).as("primary of %s", Arrays.toString(key.codePoints().toArray()))
                    .isEqualTo(spymemcached.primaryFor(key));
        }
    }

    /** A key that hashes between the point before {@code point} and {@code point} itself. */
    private static String keyJustBefore(Continuum continuum, long point) {
        int index = Arrays.binarySearch(continuum.points, point);
        long previous = index == 0 ? -1 : continuum.points[index - 1];
        for (int i = 0; i < 1_000_000; i++) {
            String key = "probe:" + i;
            long hash = HashRing.hash(key.getBytes(StandardCharsets.UTF_8));
            if (hash > previous && hash <= point) {
                return key;
            }
        }
        throw new AssertionError("no probe key hashes onto point " + point);
    }

    /** Keys whose UTF-8 is not ASCII: spymemcached hashes the UTF-8 bytes, as the ring does. */
    private static List<String> unusualKeys() {
        List<String> keys = new ArrayList<>(List.of("", "ключ:1", "キー:2", "clé:3", "\uD83D\uDE00:4",
                "ns.user:42", "x".repeat(250)));
        for (int c = 1; c < 0x300; c++) {
            keys.add("k" + (char) c);
        }
        return keys;
    }

    private static List<RingNode> equal(int count) {
        return IntStream.rangeClosed(1, count).mapToObj(i -> new RingNode("node" + i, 1)).toList();
    }

    /**
     * A file of vectors recorded from spymemcached 2.12.3: {@code nodes name:weight ...}, then
     * {@code key node} per line; {@code #} starts a comment.
     */
    private record GoldenFile(List<RingNode> nodes, List<String> keys, List<String> expected) {

        static GoldenFile read(String resource) throws IOException {
            List<RingNode> nodes = new ArrayList<>();
            List<String> keys = new ArrayList<>();
            List<String> expected = new ArrayList<>();
            try (InputStream in = KetamaCompatibilityTest.class.getClassLoader().getResourceAsStream(resource)) {
                assertThat(in).as(resource).isNotNull();
                for (String line : new String(in.readAllBytes(), StandardCharsets.UTF_8).split("\n")) {
                    if (line.isEmpty() || line.startsWith("#")) {
                        continue;
                    }
                    String[] words = line.split(" ");
                    if (words[0].equals("nodes")) {
                        for (int i = 1; i < words.length; i++) {
                            String[] nameAndWeight = words[i].split(":");
                            nodes.add(new RingNode(nameAndWeight[0], Integer.parseInt(nameAndWeight[1])));
                        }
                    } else {
                        keys.add(words[0]);
                        expected.add(words[1]);
                    }
                }
            }
            return new GoldenFile(nodes, keys, expected);
        }
    }
}
