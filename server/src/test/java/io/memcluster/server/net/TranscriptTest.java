package io.memcluster.server.net;

import static org.assertj.core.api.Assertions.assertThat;

import io.memcluster.server.RunningNode;
import io.memcluster.testkit.RawClient;
import io.memcluster.testkit.Transcript;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Raw protocol transcripts over a real socket. memcached-reference.txt was recorded from
 * memcached 1.6.18 itself; memcluster-extensions.txt holds what we add or do differently on
 * purpose (newer meta flags, strict 32-bit flags, our stats groups); node-versions.txt the
 * versioned writes and digests a coordinator sends its nodes.
 */
class TranscriptTest {

    private static RunningNode node;

    @BeforeAll
    static void start() {
        node = RunningNode.start();
    }

    @AfterAll
    static void stop() {
        node.close();
    }

    static Stream<Transcript> reference() {
        return Transcript.load("memcached-reference.txt").stream();
    }

    static Stream<Transcript> extensions() {
        return Transcript.load("memcluster-extensions.txt").stream();
    }

    static Stream<Transcript> versions() {
        return Transcript.load("node-versions.txt").stream();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("versions")
    void appliesVersionedWritesAndListsDigests(Transcript transcript) throws Exception {
        replay(transcript);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("reference")
    void repliesAsMemcachedDoes(Transcript transcript) throws Exception {
        replay(transcript);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("extensions")
    void repliesToExtensionsAsDocumented(Transcript transcript) throws Exception {
        replay(transcript);
    }

    private static void replay(Transcript transcript) throws Exception {
        try (RawClient client = new RawClient(node.port())) {
            assertThat(client.call("flush_all\r\n", "OK")).isEqualTo("OK\r\n");
            transcript.replayOn(client);
        }
    }
}
