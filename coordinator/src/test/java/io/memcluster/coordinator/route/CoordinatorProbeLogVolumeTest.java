package io.memcluster.coordinator.route;

import static org.assertj.core.api.Assertions.assertThat;

import io.memcluster.coordinator.RunningCluster;
import io.memcluster.logging.PerAddressLogLimiter;
import io.memcluster.server.LogCapture;
import io.memcluster.testkit.RawClient;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The node's ProbeLogVolumeTest against a coordinator's TLS port: plaintext sent to it again and
 * again writes a few lines a minute per address, not two lines per try.
 */
class CoordinatorProbeLogVolumeTest {

    static final int PROBES = 40;
    static final int MOST_PER_KIND = PerAddressLogLimiter.LINES_PER_WINDOW + 1;

    @TempDir
    Path dataDir;

    @Test
    void probesFromOneAddressWriteAFewLinesAMinute() throws Exception {
        try (RunningCluster cluster = RunningCluster.withTls(1, 1, dataDir); LogCapture log = new LogCapture()) {
            for (int i = 0; i < PROBES; i++) {
                try (RawClient plain = new RawClient(cluster.port())) {
                    plain.send("get k\r\n");
                    plain.closedByServer();
                }
            }
            List<String> lines = log.lines().stream().filter(line -> !line.startsWith("DEBUG")).toList();

            assertThat(lines).as("%s", lines).hasSize(2 * MOST_PER_KIND);
            assertThat(lines).filteredOn(line -> line.contains("TLS handshake with")).hasSize(MOST_PER_KIND);
            assertThat(lines).filteredOn(line -> line.contains("closing connection from")).hasSize(MOST_PER_KIND);
        }
    }
}
