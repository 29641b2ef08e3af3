package io.memcluster.server.net;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.memcluster.server.MemcachedProcess;
import io.memcluster.testkit.RawClient;
import io.memcluster.testkit.Transcript;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * memcached-reference.txt replayed against Debian's memcached 1.6.18 itself, when it is installed
 * (skipped otherwise): a case added to the file by hand must be what memcached really answers,
 * since TranscriptTest and CoordinatorTranscriptTest hold node and coordinator to it.
 */
class MemcachedReferenceTranscriptTest {

    @TempDir
    static Path dir;

    private static MemcachedProcess memcached;

    @BeforeAll
    static void start() throws Exception {
        assumeTrue(MemcachedProcess.installed(), "memcached is not installed");
        memcached = MemcachedProcess.start(dir);
        try (RawClient client = new RawClient(memcached.port())) {
            String version = client.call("version\r\n", "VERSION 1.6.18");
            assumeTrue(version.equals("VERSION 1.6.18\r\n"), "the transcripts were recorded from 1.6.18, not " + version);
        }
    }

    @AfterAll
    static void stop() {
        if (memcached != null) {
            memcached.close();
        }
    }

    static Stream<Transcript> reference() {
        return Transcript.load("memcached-reference.txt").stream();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("reference")
    void memcachedRepliesAsRecorded(Transcript transcript) throws Exception {
        try (RawClient client = new RawClient(memcached.port())) {
            assertThat(client.call("flush_all\r\n", "OK")).isEqualTo("OK\r\n");
            transcript.replayOn(client);
        }
    }
}
