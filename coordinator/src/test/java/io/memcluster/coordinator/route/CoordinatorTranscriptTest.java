package io.memcluster.coordinator.route;

import static org.assertj.core.api.Assertions.assertThat;

import io.memcluster.coordinator.RunningCluster;
import io.memcluster.testkit.RawClient;
import io.memcluster.testkit.Transcript;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The transcripts a node is judged by, replayed against a coordinator: memcached 1.6.18's own,
 * recorded from it, in front of three nodes with R=2 (one big memcached, byte for byte); the
 * node's documented extensions with R=1, where a coordinator answers exactly as one node (with
 * R=2 the counts of {@code stats namespaces} include every copy); and the coordinator's own.
 */
class CoordinatorTranscriptTest {

    private static RunningCluster replicated;
    private static RunningCluster single;

    @BeforeAll
    static void start() {
        replicated = RunningCluster.start(3, 2);
        single = RunningCluster.start(2, 1);
    }

    @AfterAll
    static void stop() {
        replicated.close();
        single.close();
    }

    static Stream<Transcript> reference() {
        return Transcript.load("memcached-reference.txt").stream();
    }

    static Stream<Transcript> nodeExtensions() {
        return Transcript.load("memcluster-extensions.txt").stream();
    }

    static Stream<Transcript> coordinatorExtensions() {
        return Transcript.load("coordinator-extensions.txt").stream();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("reference")
    void repliesAsMemcachedDoes(Transcript transcript) throws Exception {
        replay(replicated, transcript);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("nodeExtensions")
    void repliesToTheNodesExtensionsAsANodeDoes(Transcript transcript) throws Exception {
        replay(single, transcript);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("coordinatorExtensions")
    void repliesToItsOwnExtensionsAsDocumented(Transcript transcript) throws Exception {
        replay(replicated, transcript);
    }

    private static void replay(RunningCluster cluster, Transcript transcript) throws Exception {
        try (RawClient client = new RawClient(cluster.port())) {
            assertThat(client.call("flush_all\r\n", "OK")).isEqualTo("OK\r\n");
            transcript.replayOn(client);
        }
    }
}
