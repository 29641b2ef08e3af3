package io.memcluster.server.net;

import io.memcluster.config.NodeConfig;
import io.memcluster.server.RunningNode;
import io.memcluster.server.TestTls;
import io.memcluster.testkit.LargeGets;
import io.memcluster.testkit.RawClient;
import io.memcluster.time.Clock;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A get line naming a large value thousands of times, on a node: see {@link LargeGets}. */
class LargeMultiGetTest {

    private static final int REPEATS = 2_000;
    /** A couple of parts, and the value they share with the store. */
    private static final long BOUND = 4L << 20;

    @TempDir
    Path dataDir;

    @Test
    void aLineNamingOneLargeValueThousandsOfTimesIsAnsweredAsTheClientReads() throws Exception {
        try (RunningNode node = RunningNode.start(64L << 20, 1 << 20, 1024, Duration.ZERO, false, Clock.system());
                RawClient greedy = new RawClient(node.port());
                RawClient other = new RawClient(node.port())) {
            LargeGets.answeredAsTheClientReads(greedy, other, REPEATS,
                    () -> node.server().connections().pendingWriteBytes(), BOUND);
        }
    }

    /** TLS copies what it encrypts: the reply must still leave as it is read, not be encrypted whole. */
    @Test
    void overTlsToo() throws Exception {
        NodeConfig config = RunningNode.secureConfig(dataDir);
        try (RunningNode node = RunningNode.start(config.withAuth(config.auth().disabled()), Clock.system());
                RawClient greedy = RawClient.tls(node.port(), TestTls.trusting(TestTls.ca(dataDir)));
                RawClient other = RawClient.tls(node.port(), TestTls.trusting(TestTls.ca(dataDir)))) {
            LargeGets.answeredAsTheClientReads(greedy, other, REPEATS,
                    () -> node.server().connections().pendingWriteBytes(), BOUND);
        }
    }
}
