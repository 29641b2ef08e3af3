package io.memcluster.server.security;

import static org.assertj.core.api.Assertions.assertThat;

import io.memcluster.logging.PerAddressLogLimiter;
import io.memcluster.server.LogCapture;
import io.memcluster.server.RunningNode;
import io.memcluster.server.TestTls;
import io.memcluster.server.TestUsers;
import io.memcluster.testkit.RawClient;
import io.memcluster.time.ManualClock;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import javax.net.ssl.SSLContext;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * What a client that keeps probing without credentials costs the log: each kind of line comes a
 * few times a minute per address, however many probes, and a later minute says how many were not
 * logged. (Each probe used to write a line; the clock is the test's, so no one waits a minute.)
 */
class ProbeLogVolumeTest {

    static final int PROBES = 40;
    // a few of each kind, one more saying the rest are not logged
    static final int MOST_PER_KIND = PerAddressLogLimiter.LINES_PER_WINDOW + 1;

    @TempDir
    Path dataDir;

    @Test
    void probesFromOneAddressWriteAFewLinesAMinute() throws Exception {
        TestUsers.add(dataDir, "root", "root-pw", "ADMIN");
        ManualClock clock = new ManualClock(System.currentTimeMillis());
        try (LogCapture log = new LogCapture();
                RunningNode node = RunningNode.start(RunningNode.secureConfig(dataDir), clock)) {
            SSLContext tls = TestTls.trusting(TestTls.ca(dataDir));
            int before = logged(log).size();
            for (int i = 0; i < PROBES; i++) {
                probe(node, tls);
            }
            List<String> lines = logged(log).subList(before, logged(log).size());

            // each probe used to write two lines, about 250 bytes: the handshake's and the close's
            assertThat(lines).as("%s", lines).hasSize(2 * MOST_PER_KIND);
            assertThat(lines).filteredOn(line -> line.contains("TLS handshake with")).hasSize(MOST_PER_KIND)
                    .last().asString().endsWith("(more than 5 like it from 127.0.0.1 within 60 s: the rest are not logged)");
            assertThat(lines).filteredOn(line -> line.contains("closing connection from")).hasSize(MOST_PER_KIND);

            clock.advance(Duration.ofMinutes(1));
            probe(node, tls);
            assertThat(logged(log)).anySatisfy(line -> assertThat(line).contains("TLS handshake with")
                    .endsWith("(" + (PROBES - MOST_PER_KIND) + " more like it from 127.0.0.1 were not logged)"));
        }
    }

    /** Plaintext on the TLS port, then a TLS connection that asks for a key without a login. */
    private static void probe(RunningNode node, SSLContext tls) throws Exception {
        try (RawClient plain = new RawClient(node.port())) {
            plain.send("get k\r\n");
            plain.closedByServer();
        }
        try (RawClient client = RawClient.tls(node.port(), tls)) {
            client.call("get k\r\n", "CLIENT_ERROR unauthenticated");
        }
    }

    private static List<String> logged(LogCapture log) {
        return log.lines().stream().filter(line -> !line.startsWith("DEBUG") && !line.startsWith("TRACE")).toList();
    }
}
