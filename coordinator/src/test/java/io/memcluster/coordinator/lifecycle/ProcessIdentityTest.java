package io.memcluster.coordinator.lifecycle;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

class ProcessIdentityTest {

    private static final Path YAML = Path.of("/srv/memcluster/data/nodes/node-2/node.yaml");
    private static final Path DATA = Path.of("/srv/memcluster/data");

    @Test
    void aNodeStartedFromItsYamlIsOurs() {
        assertThat(ProcessIdentity.isNode(node("--config", YAML.toString()), YAML)).isTrue();
        assertThat(ProcessIdentity.isNode(node("--config=" + YAML), YAML)).isTrue();
        assertThat(ProcessIdentity.isNode(node("--config", "/srv/memcluster/data/nodes/../nodes/node-2/node.yaml"),
                YAML)).isTrue();
    }

    @Test
    void anotherNodeOrAnotherProgramWithTheSamePidIsNot() {
        assertThat(ProcessIdentity.isNode(node("--config", "/srv/memcluster/data/nodes/node-3/node.yaml"), YAML))
                .isFalse();
        assertThat(ProcessIdentity.isNode(node(), YAML)).as("a node on config/config.yaml").isFalse();
        assertThat(ProcessIdentity.isNode(List.of("-c", "sleep 100", "--config", YAML.toString()), YAML)).isFalse();
        assertThat(ProcessIdentity.isNode(List.of(), YAML)).isFalse();
        // a flag before the main class is the JVM's, not the node's
        assertThat(ProcessIdentity.isNode(List.of("--config", YAML.toString(), "-cp", "x.jar",
                ProcessIdentity.NODE_MAIN), YAML)).isFalse();
    }

    @Test
    void theCoordinatorOfThisDataFolderIsOurs() {
        assertThat(ProcessIdentity.isCoordinator(coordinator("--data-dir", DATA.toString()), DATA)).isTrue();
        assertThat(ProcessIdentity.isCoordinator(coordinator("--config", "/etc/memcluster.yaml"), DATA))
                .as("started without a data folder: the default one").isTrue();
        assertThat(ProcessIdentity.isCoordinator(coordinator("--data-dir", "/srv/other"), DATA)).isFalse();
        assertThat(ProcessIdentity.isCoordinator(node("--data-dir", DATA.toString()), DATA)).isFalse();
        assertThat(ProcessIdentity.isCoordinator(coordinator("--data-dir", "../cluster/data"), DATA))
                .as("a relative folder, resolved where the user ran it: its own pid file names it").isTrue();
    }

    @Test
    void thisTestIsNeitherANodeNorACoordinator() {
        assertThat(ProcessIdentity.isNode(ProcessHandle.current(), YAML)).isFalse();
        assertThat(ProcessIdentity.isCoordinator(ProcessHandle.current(), DATA)).isFalse();
    }

    private static List<String> node(String... flags) {
        return launched(ProcessIdentity.NODE_MAIN, "/srv/memcluster/server/target/memcluster-server.jar", flags);
    }

    private static List<String> coordinator(String... flags) {
        return launched(ProcessIdentity.COORDINATOR_MAIN,
                "/srv/memcluster/coordinator/target/memcluster-coordinator.jar", flags);
    }

    /** The arguments of the JVM that bin/memcluster execs. */
    private static List<String> launched(String main, String jar, String... flags) {
        List<String> arguments = new java.util.ArrayList<>(List.of("-XX:+ExitOnOutOfMemoryError", "-cp", jar, main));
        arguments.addAll(List.of(flags));
        return arguments;
    }
}
