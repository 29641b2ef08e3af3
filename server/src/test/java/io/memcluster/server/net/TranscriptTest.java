package io.memcluster.server.net;

import static org.assertj.core.api.Assertions.assertThat;

import io.memcluster.server.RunningNode;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Raw protocol transcripts over a real socket. memcached-reference.txt was recorded from
 * memcached 1.6.18 itself; memcluster-extensions.txt holds what we add or do differently on
 * purpose (newer meta flags, strict 32-bit flags, our stats groups).
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
        return Transcript.load(Path.of("src/test/resources/transcripts/memcached-reference.txt")).stream();
    }

    static Stream<Transcript> extensions() {
        return Transcript.load(Path.of("src/test/resources/transcripts/memcluster-extensions.txt")).stream();
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
            client.send(transcript.request());
            List<String> received = new ArrayList<>();
            for (int i = 0; i < transcript.expectedLineCount(); i++) {
                String line = client.readLine();
                assertThat(line).as("line %d of %s, after %s", i + 1, transcript.title(), received).endsWith("\r\n");
                String text = line.substring(0, line.length() - 2);
                assertThat(transcript.matches(i, text))
                        .as("line %d of '%s': got '%s', expected '%s' (before it: %s)", i + 1, transcript.title(),
                                text, transcript.expected().get(i), received)
                        .isTrue();
                received.add(text);
            }
            if (transcript.expectsClose()) {
                assertThat(client.closedByServer()).as("connection closed by the server").isTrue();
            } else {
                // nothing unexpected may follow: the next reply must be the noop's
                assertThat(client.call("mn\r\n", "MN")).as("%s: nothing more after %s", transcript.title(), received).isEqualTo("MN\r\n");
            }
        }
    }
}
