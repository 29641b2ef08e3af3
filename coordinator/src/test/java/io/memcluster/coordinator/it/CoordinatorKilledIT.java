package io.memcluster.coordinator.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.memcluster.coordinator.lifecycle.LifecycleCluster;
import io.memcluster.testkit.RawClient;
import java.net.ConnectException;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * kill -9 of the coordinator, then {@code up} again: the nodes were never touched, so the new
 * coordinator serves every key written through the old one, with the same CAS values, and no
 * node process is started a second time.
 */
@Timeout(value = 5, unit = TimeUnit.MINUTES)
class CoordinatorKilledIT {

    /** A cluster of its own: this test kills its coordinator. */
    @RegisterExtension
    final UpCluster up = UpCluster.withoutLogins();

    @Test
    void upAfterAKilledCoordinatorAdoptsTheSameNodesAndEveryKeyIsStillThere() throws Exception {
        LifecycleCluster cluster = up.cluster();
        int port = up.plainPort();
        List<Long> nodes = List.of(cluster.nodePid(0), cluster.nodePid(1), cluster.nodePid(2));
        List<WriteLoad.Write> written = WriteLoad.start(port, 2, 2000, Duration.ofSeconds(30))
                .awaitEnd(Duration.ofSeconds(60));
        assertThat(written).hasSize(2000).allMatch(WriteLoad.Write::acknowledged);
        String key = written.get(0).key();
        String casBefore = casOf(port, key);

        ProcessHandle coordinator = ProcessHandle.of(cluster.coordinatorPid()).orElseThrow();
        coordinator.destroyForcibly();
        coordinator.onExit().get(10, TimeUnit.SECONDS);
        assertThatThrownBy(() -> new RawClient(port).close()).as("nothing listens any more")
                .isInstanceOf(ConnectException.class);

        LifecycleCluster.Run again = cluster.run("up");
        assertThat(again.exit()).as(again::transcript).isZero();
        long restarted = again.pidOf("coordinator", "started");
        cluster.track(restarted);
        assertThat(restarted).isNotEqualTo(coordinator.pid());
        for (int i = 0; i < 3; i++) {
            assertThat(again.pidOf("node-" + (i + 1), "already running")).as(again::transcript)
                    .isEqualTo(nodes.get(i));
            assertThat(cluster.nodePid(i)).as("node-%d's pid file", i + 1).isEqualTo(nodes.get(i));
        }
        assertThat(cluster.liveNodeProcesses()).as("no node started a second time")
                .extracting(ProcessHandle::pid).containsExactlyInAnyOrderElementsOf(nodes);
        LifecycleCluster.Run status = cluster.run("status");
        assertThat(status.exit()).as(status::transcript).isZero();
        assertThat(status.lineOf("coordinator")).contains(" " + restarted + " ");
        for (int i = 0; i < 3; i++) {
            assertThat(status.lineOf("node-" + (i + 1))).contains(" " + nodes.get(i) + " ");
        }

        Map<String, String> stored = StoredValues.of(port, written.stream().map(WriteLoad.Write::key).toList());
        List<String> lost = written.stream().filter(w -> !w.value().equals(stored.get(w.key())))
                .map(WriteLoad.Write::key).toList();
        assertThat(lost).as("keys written before the kill and not read back, of %d", written.size()).isEmpty();
        assertThat(casOf(port, key)).as("the version is the nodes', not the coordinator's memory")
                .isEqualTo(casBefore);
        assertThat(CoordinatorStats.route(port, key)).extracting(CoordinatorStats.Copy::cas)
                .containsExactly(casBefore, casBefore);
        try (RawClient client = new RawClient(port)) {
            client.send("cas " + key + " 0 0 7 " + casBefore + "\r\nchanged\r\n");
            assertThat(client.readLine()).as("a CAS token taken before the restart still works")
                    .isEqualTo("STORED\r\n");
        }
        assertThat(Long.parseUnsignedLong(casOf(port, key))).as("versions keep growing across the restart")
                .isGreaterThan(Long.parseUnsignedLong(casBefore));
    }

    private static String casOf(int port, String key) throws Exception {
        try (RawClient client = new RawClient(port)) {
            String reply = client.call("gets " + key + "\r\n", "END");
            String header = reply.lines().findFirst().orElseThrow();
            assertThat(header).as(reply).startsWith("VALUE " + key + " ");
            return header.split(" ")[4];
        }
    }
}
