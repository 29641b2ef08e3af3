package io.memcluster.server.net;

import static org.assertj.core.api.Assertions.assertThat;

import io.memcluster.testkit.RawClient;
import io.memcluster.server.RunningNode;
import io.memcluster.time.Clock;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/** max_connections as memcached enforces it, and what stats say about it. */
class ConnectionLimitTest {

    @Test
    void connectionsPastTheLimitAreToldAndClosedAndCounted() throws Exception {
        try (RunningNode node = RunningNode.start(8L << 20, 1 << 20, 2, Duration.ZERO, false, Clock.system());
                RawClient first = new RawClient(node.port());
                RawClient second = new RawClient(node.port())) {
            assertThat(first.call("version\r\n", "VERSION 1.6.38-memcluster-0.1.0")).startsWith("VERSION");
            assertThat(second.call("version\r\n", "VERSION 1.6.38-memcluster-0.1.0")).startsWith("VERSION");
            try (RawClient third = new RawClient(node.port())) {
                assertThat(third.readLine()).isEqualTo("ERROR Too many open connections\r\n");
                assertThat(third.closedByServer()).isTrue();
            }
            String stats = first.call("stats\r\n", "END");
            assertThat(stats).contains("STAT rejected_connections 1\r\n").contains("STAT curr_connections 2\r\n");
        }
    }

    @Test
    void aClosedConnectionFreesItsPlace() throws Exception {
        try (RunningNode node = RunningNode.start(8L << 20, 1 << 20, 1, Duration.ZERO, false, Clock.system())) {
            try (RawClient only = new RawClient(node.port())) {
                only.call("quit\r\n", "");
                assertThat(only.closedByServer()).isTrue();
            }
            org.awaitility.Awaitility.await().atMost(Duration.ofSeconds(5)).untilAsserted(() -> {
                try (RawClient next = new RawClient(node.port())) {
                    assertThat(next.call("mn\r\n", "MN")).isEqualTo("MN\r\n");
                }
            });
        }
    }

    @Test
    void oneMisbehavingConnectionDoesNotDisturbAnother() throws Exception {
        try (RunningNode node = RunningNode.start();
                RawClient good = new RawClient(node.port());
                RawClient bad = new RawClient(node.port())) {
            good.call("set shared 0 0 2\r\nok\r\n", "STORED");
            bad.send("x".repeat(20000));
            assertThat(bad.closedByServer()).as("20000 bytes without a newline (past memcached's 16 KB buffer) close")
                    .isTrue();
            assertThat(good.call("get shared\r\n", "END")).isEqualTo("VALUE shared 0 2\r\nok\r\nEND\r\n");
        }
    }
}
