package io.memcluster.server.net;

import io.memcluster.testkit.RawClient;
import io.memcluster.testkit.Transcript;
import io.memcluster.config.NodeConfig;
import io.memcluster.server.RunningNode;
import io.memcluster.server.TestUsers;
import io.memcluster.time.Clock;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * memcluster-users.txt, the documented examples of {@code memcluster users ...}, each replayed on
 * a fresh node with auth on (root: ADMIN, reader: cart:read).
 */
class UserAdminTranscriptTest {

    @TempDir
    Path dataDir;

    static Stream<Transcript> transcripts() {
        return Transcript.load("memcluster-users.txt").stream();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("transcripts")
    void repliesAsDocumented(Transcript transcript) throws Exception {
        TestUsers.add(dataDir, "root", "s3cret", "ADMIN");
        TestUsers.add(dataDir, "reader", "r3ad", "cart:read");
        NodeConfig config = RunningNode.secureConfig(dataDir);
        // without TLS, which TlsTranscriptTest covers: a login from loopback is accepted in plaintext
        try (RunningNode node = RunningNode.start(config.withTls(config.tls().disabled()), Clock.system());
                RawClient client = new RawClient(node.port())) {
            transcript.replayOn(client);
        }
    }
}
