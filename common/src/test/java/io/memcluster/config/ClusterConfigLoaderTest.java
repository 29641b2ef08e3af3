package io.memcluster.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The coordinator and cluster sections: where their values come from, and a node's view of them. */
class ClusterConfigLoaderTest {

    /** The file shipped in the repository; tests run in common/. */
    private static final Path SHIPPED = Path.of("../config/config.yaml");

    @TempDir
    Path dir;

    @Test
    void shippedConfigFileLoadsWithoutAProblem() {
        assertThatCode(() -> ConfigLoader.load(SHIPPED, Map.of(), List.of())).doesNotThrowAnyException();
    }

    @Test
    void shippedConfigFileGivesExactlyTheDefaults() {
        assertThat(ConfigLoader.load(SHIPPED, Map.of(), List.of())).isEqualTo(MemclusterConfig.defaults());
    }

    @Test
    void deletingAnyValueFromTheShippedFileChangesNothing() throws Exception {
        List<String> lines = Files.readAllLines(SHIPPED);
        int values = 0;
        for (int i = 0; i < lines.size(); i++) {
            String line = lines.get(i).strip();
            if (line.isEmpty() || line.startsWith("#") || line.endsWith(":")) {
                continue; // a comment, or a section header whose keys would move up a level without it
            }
            List<String> without = new java.util.ArrayList<>(lines);
            without.remove(i);

            assertThat(ConfigFiles.loadAll(dir, String.join("\n", without)))
                    .as("without line %d: %s", i + 1, line)
                    .isEqualTo(MemclusterConfig.defaults());
            values++;
        }
        assertThat(values).as("values in the shipped file").isGreaterThanOrEqualTo(26);
    }

    @Test
    void shippedConfigFileSetsEveryCoordinatorAndClusterKey() throws Exception {
        String shipped = Files.readString(SHIPPED);

        assertThat(shipped).contains("\ncoordinator:\n", "\n  bind: ", "\n  port: 11211\n", "\n  plain_port: 0\n",
                "\n  threads: ", "\n  max_connections: ", "\n  idle_timeout: ", "\n  id: 0\n");
        assertThat(shipped).contains("\ncluster:\n", "\n  replication_factor: 2\n", "\n  write_policy: all_live\n",
                "\n  request_timeout: 1s\n", "\n  max_clock_skew: 500ms\n", "\n  hints:\n", "\n    enabled: true\n",
                "\n    max_bytes: 64m\n", "\n    max_age: 3h\n", "\n  local:\n", "\n    count: 3\n", "\n    port_initial: 12001\n",
                "\n  nodes: []\n");
        // The example entry, commented out, is one an operator can uncomment as it stands.
        assertThat(shipped).contains("\n  #   - name: ", "\n  #     host: ", "\n  #     port: ", "\n  #     weight: ");
    }

    @Test
    void shippedExampleNodeLoadsOnceUncommented() throws Exception {
        String shipped = Files.readString(SHIPPED)
                .replace("\n  nodes: []\n", "\n")
                .replaceAll("\n  # (nodes:|  - name:|    host:|    port:|    weight:)", "\n  $1");

        MemclusterConfig config = ConfigFiles.loadAll(dir, shipped);

        assertThat(config.cluster().nodes()).containsExactly(new RemoteNode("cache-a", "10.0.0.5", 12001, 1));
    }

    @Test
    void noFileOrAnEmptyOneGivesTheDefaults() {
        assertThat(ConfigLoader.load(null, Map.of(), List.of())).isEqualTo(MemclusterConfig.defaults());
        assertThat(ConfigFiles.loadAll(dir, "coordinator:\ncluster:\n  local:\n  nodes:\n"))
                .isEqualTo(MemclusterConfig.defaults());
    }

    @Test
    void readsEveryKeyFromTheFile() {
        MemclusterConfig config = ConfigFiles.loadAll(dir, """
                coordinator:
                  bind: 0.0.0.0
                  port: 21211
                  plain_port: 21311
                  threads: 8
                  max_connections: 20000
                  idle_timeout: 10m
                  id: 7
                cluster:
                  replication_factor: 3
                  write_policy: quorum
                  request_timeout: 250ms
                  max_clock_skew: 2s
                  hints:
                    enabled: false
                    max_bytes: 8m
                    max_age: 30m
                  local:
                    count: 2
                    port_initial: 13001
                  nodes:
                    - name: cache-a
                      host: 10.0.0.5
                      port: 12001
                      weight: 2
                    - {name: cache-b, host: cache-b.example.com, port: 12002}
                """);

        assertThat(config.coordinator()).isEqualTo(new CoordinatorConfig("0.0.0.0", 21211, 21311, 8, 20_000,
                Duration.ofMinutes(10), NodeConfig.DEFAULT_CONNECTION_BUFFERS, 7));
        assertThat(config.cluster()).isEqualTo(new ClusterConfig(3, WritePolicy.QUORUM, Duration.ofMillis(250),
                new LocalNodes(2, 13001), List.of(new RemoteNode("cache-a", "10.0.0.5", 12001, 2),
                        new RemoteNode("cache-b", "cache-b.example.com", 12002, 1)), Duration.ofSeconds(2),
                new HintsConfig(false, 8L << 20, Duration.ofMinutes(30))));
        assertThat(config.cluster().members()).extracting(ClusterMember::name)
                .containsExactly("node-1", "node-2", "cache-a", "cache-b");
        assertThat(config.node()).isEqualTo(NodeConfig.defaults());
    }

    @Test
    void clusterOfRemoteNodesOnly() {
        MemclusterConfig config = ConfigFiles.loadAll(dir, """
                cluster:
                  replication_factor: 1
                  local:
                    count: 0
                  nodes:
                    - name: only
                      host: 10.0.0.5
                      port: 12001
                """);

        assertThat(config.cluster().members()).containsExactly(new ClusterMember("only", "10.0.0.5", 12001, 1, false));
    }

    @Test
    void valuesComeFromTheEnvironment() {
        MemclusterConfig config = ConfigFiles.loadAll(dir, """
                coordinator:
                  port: ${COORDINATOR_PORT:-11211}
                cluster:
                  nodes:
                    - name: cache-a
                      host: ${CACHE_A_HOST}
                      port: 12001
                """, Map.of("COORDINATOR_PORT", "21211", "CACHE_A_HOST", "10.1.2.3"), List.of());

        assertThat(config.coordinator().port()).isEqualTo(21211);
        assertThat(config.cluster().nodes().get(0).host()).isEqualTo("10.1.2.3");
    }

    @Test
    void flagsWinOverTheFileForTheNewKeys() {
        MemclusterConfig config = ConfigFiles.loadAll(dir, "coordinator:\n  port: 21211\n  plain_port: 21311\n",
                Map.of(), List.of(new ConfigOverride("coordinator.port", "31211", "--port"),
                        new ConfigOverride("coordinator.plain_port", "31311", "--plain-port"),
                        new ConfigOverride("cluster.local.count", "5", "--local-count"),
                        new ConfigOverride("cluster.write_policy", "quorum", null)));

        assertThat(config.coordinator().port()).isEqualTo(31211);
        assertThat(config.coordinator().plainPort()).isEqualTo(31311);
        assertThat(config.cluster().local().count()).isEqualTo(5);
        assertThat(config.cluster().writePolicy()).isEqualTo(WritePolicy.QUORUM);
    }

    @Test
    void badFlagForANewKeyIsBlamedOnTheFlag() {
        assertThatThrownBy(() -> ConfigLoader.load(null, Map.of(), List.of(
                new ConfigOverride("coordinator.plain_port", "11211", "--plain-port"),
                new ConfigOverride("cluster.replication_factor", "9", "--replicas"))))
                .hasMessage("""
                        coordinator.plain_port (from --plain-port): 11211 is coordinator.port too (expected another\
                         port, or 0 for no plaintext listener)
                        cluster.replication_factor (from --replicas): 9 is more than the 3 nodes (expected 1-3)""");
    }

    @Test
    void nodeAcceptsAFileWithCoordinatorAndClusterSections() {
        String yaml = """
                node:
                  port: 12005
                coordinator:
                  port: 21211
                cluster:
                  replication_factor: 1
                  nodes:
                    - name: cache-a
                      host: 10.0.0.5
                      port: 12001
                """;

        NodeConfig node = ConfigFiles.load(dir, yaml);

        assertThat(node.port()).isEqualTo(12005);
        assertThat(node).isEqualTo(ConfigFiles.loadAll(dir, yaml).node());
    }

    @Test
    void nodeLoaderReturnsTheNodePartOfTheWholeFile() {
        assertThat(NodeConfigLoader.load(SHIPPED, Map.of(), List.of()))
                .isEqualTo(ConfigLoader.load(SHIPPED, Map.of(), List.of()).node());
        assertThat(NodeConfigLoader.DEFAULT_FILE).isEqualTo(ConfigLoader.DEFAULT_FILE);
    }

    @Test
    void mistakeInTheClusterSectionStopsANodeToo() {
        // One file for the whole installation: it is valid or it is not, whichever process reads it.
        assertThatThrownBy(() -> ConfigFiles.load(dir, "cluster:\n  replication_factor: 0\n"))
                .isInstanceOf(ConfigException.class)
                .hasMessage("cluster.replication_factor: 0 is too small (expected at least 1)");
    }

    @Test
    void aCoordinatorIdBeyondFourBitsAndANegativeSkewAreRefusedByPath() {
        assertThatThrownBy(() -> ConfigLoader.load(null, Map.of(), List.of(
                new ConfigOverride("coordinator.id", "16", "--coordinator-id"))))
                .hasMessage("coordinator.id (from --coordinator-id): 16 is out of range (expected 0-15, a different"
                        + " one for each coordinator of the same nodes)");
        assertThatThrownBy(() -> new ClusterConfig(2, WritePolicy.ALL_LIVE, Duration.ofSeconds(1),
                new LocalNodes(3, 12001), List.of(), Duration.ofSeconds(-1)))
                .isInstanceOf(ConfigException.class)
                .hasMessage("cluster.max_clock_skew: -1s is negative (expected 0s or more, e.g. 500ms)");
    }
}
