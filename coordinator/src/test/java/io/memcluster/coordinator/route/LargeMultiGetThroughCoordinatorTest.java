package io.memcluster.coordinator.route;

import io.memcluster.coordinator.RunningCluster;
import io.memcluster.testkit.LargeGets;
import io.memcluster.testkit.RawClient;
import org.junit.jupiter.api.Test;

/**
 * A get line naming a large value thousands of times, through a coordinator (see
 * {@link LargeGets}): it reads a window of keys from the nodes at a time and writes them as the
 * client reads, so it holds a few values, and its other clients are served meanwhile.
 */
class LargeMultiGetThroughCoordinatorTest {

    @Test
    void aLineNamingOneLargeValueThousandsOfTimesIsAnsweredAsTheClientReads() throws Exception {
        try (RunningCluster cluster = RunningCluster.start(2, 2);
                RawClient greedy = new RawClient(cluster.port());
                RawClient other = new RawClient(cluster.port())) {
            LargeGets.answeredAsTheClientReads(greedy, other, 2_000,
                    () -> cluster.coordinator().connections().pendingWriteBytes(), 4L << 20);
        }
    }
}
