package io.memcluster.coordinator.route;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.memcluster.coordinator.RunningCluster;
import io.memcluster.server.LogCapture;
import io.memcluster.server.TestUsers;
import io.memcluster.testkit.RawClient;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A coordinator's users.json of {@code []}, or without an ADMIN, would lock every operator out:
 * it is refused at start and on reload like a broken file, and the users in force stay.
 */
class CoordinatorUsersFileTest {

    @TempDir
    Path dataDir;

    @Test
    void anEmptyUsersFileStopsTheStart() throws Exception {
        Files.writeString(dataDir.resolve("users.json"), "[]\n");

        assertThatThrownBy(() -> RunningCluster.withLogins(1, 1, dataDir).close())
                .hasMessageContaining("refusing to start without usable users: " + dataDir.resolve("users.json")
                        + ": holds no users");
    }

    @Test
    void aUsersFileWithoutAnAdminStopsTheStart() {
        TestUsers.add(dataDir, "reader", "reader-pw", "cart:read");

        assertThatThrownBy(() -> RunningCluster.withLogins(1, 1, dataDir).close())
                .hasMessageContaining(dataDir.resolve("users.json") + ": has no user with ADMIN");
    }

    @Test
    void anEmptyOrAdminlessFileOnReloadIsRefusedAndTheUsersStay() throws Exception {
        TestUsers.add(dataDir, "root", "root-pw", "ADMIN");
        try (LogCapture log = new LogCapture(); RunningCluster cluster = RunningCluster.withLogins(1, 1, dataDir)) {
            Files.writeString(dataDir.resolve("users.json"), "[]\n");
            cluster.coordinator().reloader().reloadChanged();
            assertThat(log.lines()).anySatisfy(line -> assertThat(line).contains(
                    "users not reloaded, the previous 1 users stay in force: " + dataDir.resolve("users.json")
                            + ": holds no users"));

            TestUsers.add(dataDir, "reader", "reader-pw", "cart:read");
            cluster.coordinator().reloader().reloadChanged();
            assertThat(log.lines()).anySatisfy(line -> assertThat(line).contains(": has no user with ADMIN"));

            try (RawClient root = new RawClient(cluster.port())) {
                assertThat(root.login("root", "root-pw")).isEqualTo("STORED");
                assertThat(root.call("flush_all\r\n", "OK")).isEqualTo("OK\r\n");
            }
            try (RawClient reader = new RawClient(cluster.port())) {
                assertThat(reader.login("reader", "reader-pw")).isEqualTo("CLIENT_ERROR authentication failure");
            }
        }
    }
}
