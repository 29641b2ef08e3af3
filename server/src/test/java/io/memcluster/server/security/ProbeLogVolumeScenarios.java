package io.memcluster.server.security;

import static org.assertj.core.api.Assertions.assertThat;

import io.memcluster.logging.PerAddressLogLimiter;
import io.memcluster.server.LogCapture;
import io.memcluster.testkit.RawClient;
import io.memcluster.time.ManualClock;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * What a client that keeps probing a TLS port without credentials costs the log: each kind of
 * line comes a few times a minute per address, however many probes, and a later minute says how
 * many were not logged. (Each probe used to write a line.) Node and coordinator share the front
 * end, so {@code ProbeLogVolumeTest} and {@code CoordinatorProbeLogVolumeTest} run this same
 * scenario. The test is public because the coordinator's subclass lives in another package.
 */
public abstract class ProbeLogVolumeScenarios {

    static final int PROBES = 40;
    // a few of each kind, one more saying the rest are not logged
    static final int MOST_PER_KIND = PerAddressLogLimiter.LINES_PER_WINDOW + 1;

    /** Starts the server whose TLS port {@link #probe()} knocks on; closing it stops it. */
    protected abstract AutoCloseable startServer() throws Exception;

    protected abstract int tlsPort();

    /**
     * The log limiter's clock, where the test can advance it so that no one waits a minute;
     * without one the test does not look at the minute after.
     */
    protected Optional<ManualClock> limiterClock() {
        return Optional.empty();
    }

    /** Plaintext on the TLS port: the server gives up on the handshake and closes. */
    protected void probe() throws Exception {
        try (RawClient plain = new RawClient(tlsPort())) {
            plain.send("get k\r\n");
            plain.closedByServer();
        }
    }

    @Test
    public void probesFromOneAddressWriteAFewLinesAMinute() throws Exception {
        try (LogCapture log = new LogCapture(); AutoCloseable server = startServer()) {
            int before = logged(log).size();
            for (int i = 0; i < PROBES; i++) {
                probe();
            }
            List<String> lines = logged(log).subList(before, logged(log).size());

            // each probe used to write two lines, about 250 bytes: the handshake's and the close's
            assertThat(lines).as("%s", lines).hasSize(2 * MOST_PER_KIND);
            assertThat(lines).filteredOn(line -> line.contains("TLS handshake with")).hasSize(MOST_PER_KIND)
                    .last().asString().endsWith("(more than 5 like it from 127.0.0.1 within 60 s: the rest are not logged)");
            assertThat(lines).filteredOn(line -> line.contains("closing connection from")).hasSize(MOST_PER_KIND);

            if (limiterClock().isPresent()) {
                limiterClock().get().advance(Duration.ofMinutes(1));
                probe();
                assertThat(logged(log)).anySatisfy(line -> assertThat(line).contains("TLS handshake with")
                        .endsWith("(" + (PROBES - MOST_PER_KIND) + " more like it from 127.0.0.1 were not logged)"));
            }
        }
    }

    private static List<String> logged(LogCapture log) {
        return log.lines().stream().filter(line -> !line.startsWith("DEBUG") && !line.startsWith("TRACE")).toList();
    }
}
