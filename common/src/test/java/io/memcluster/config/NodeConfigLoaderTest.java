package io.memcluster.config;

import static io.memcluster.config.ConfigFiles.load;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Where values come from: defaults, the file, flags; and which one wins. */
class NodeConfigLoaderTest {

    /** The file shipped in the repository; tests run in common/. */
    private static final Path SHIPPED = Path.of("../config/config.yaml");

    @TempDir
    Path dir;

    @Test
    void shippedConfigFileGivesExactlyTheDefaults() {
        assertThat(SHIPPED).isRegularFile();

        assertThat(NodeConfigLoader.load(SHIPPED, Map.of(), List.of())).isEqualTo(NodeConfig.defaults());
    }

    @Test
    void shippedConfigFileSetsEveryKeyTheLoaderKnows() throws Exception {
        String shipped = Files.readString(SHIPPED);

        assertThat(shipped).contains("\n  bind: ", "\n  port: ", "\n  memory: ", "\n  max_item_size: ",
                "\n  max_connections: ", "\n  threads: ", "\n  idle_timeout: ", "\n  enable_shutdown: ",
                "\n  connection_buffers: ", "\ndata_dir: ");
        assertThat(shipped).contains("--bind", "--port", "--memory", "--max-item-size", "--max-connections",
                "--threads", "--idle-timeout", "--data-dir", "--plain-port", "--connection-buffers");
        // The file locations default to data_dir, so they are documented commented out: set, they
        // would stay put when --data-dir moves everything else.
        assertThat(shipped).contains("\ntls:\n", "\n  enabled: ", "\n  # cert: ", "\n  # key: ", "\n  # ca: ",
                "\n  client_auth: ", "\nplain:\n", "\n  allow_remote: ", "\nauth:\n", "\n  # users_file: ",
                "\n  # token_secret: ");
    }

    @Test
    void noFileGivesTheDefaults() {
        assertThat(NodeConfigLoader.load(null, Map.of(), List.of())).isEqualTo(NodeConfig.defaults());
    }

    @Test
    void missingDefaultFileGivesTheDefaults() {
        assertThat(NodeConfigLoader.DEFAULT_FILE).doesNotExist(); // common/ has no config folder

        assertThat(NodeConfigLoader.load(NodeConfigLoader.DEFAULT_FILE, Map.of(), List.of()))
                .isEqualTo(NodeConfig.defaults());
    }

    @Test
    void missingFileGivenExplicitlyIsAnError() {
        Path missing = dir.resolve("nodes.yaml");

        assertThatThrownBy(() -> NodeConfigLoader.load(missing, Map.of(), List.of()))
                .isInstanceOf(ConfigException.class)
                .hasMessage(missing + ": does not exist (expected a YAML file, e.g. config/config.yaml)");
    }

    @Test
    void folderGivenAsFileIsAnError() {
        assertThatThrownBy(() -> NodeConfigLoader.load(dir, Map.of(), List.of()))
                .hasMessage(dir + ": is a folder (expected a YAML file)");
    }

    @Test
    void emptyFileGivesTheDefaults() {
        assertThat(load(dir, "")).isEqualTo(NodeConfig.defaults());
        assertThat(load(dir, "# everything commented out\nnode:\n#  port: 1\n")).isEqualTo(NodeConfig.defaults());
    }

    @Test
    void readsEveryKeyFromTheFile() {
        NodeConfig config = load(dir, """
                node:
                  bind: 0.0.0.0
                  port: 11211
                  memory: 2g
                  max_item_size: 4m
                  max_connections: 50000
                  threads: 8
                  idle_timeout: 5m
                  enable_shutdown: true
                data_dir: /var/lib/memcluster
                """);

        assertThat(config).isEqualTo(new NodeConfig("0.0.0.0", 11211, 2L << 30, 4 << 20, 50_000, 8,
                Duration.ofMinutes(5), true, Path.of("/var/lib/memcluster")));
    }

    @Test
    void keysLeftOutKeepTheirDefaults() {
        NodeConfig config = load(dir, "node:\n  port: 11211\n");

        assertThat(config.port()).isEqualTo(11211);
        assertThat(config.memoryLimit()).isEqualTo(NodeConfig.defaults().memoryLimit());
        assertThat(config.dataDir()).isEqualTo(Path.of("data"));
    }

    @Test
    void flagWinsOverFileWhichWinsOverDefault() {
        NodeConfig config = load(dir, "node:\n  port: 11211\n  memory: 128m\n", Map.of(),
                List.of(new ConfigOverride("node.port", "11311", "--port")));

        assertThat(config.port()).as("flag over file").isEqualTo(11311);
        assertThat(config.memoryLimit()).as("file over default").isEqualTo(128L << 20);
        assertThat(config.threads()).as("default").isEqualTo(4);
    }

    @Test
    void flagsApplyWithoutAFile() {
        NodeConfig config = NodeConfigLoader.load(null, Map.of(),
                Map.of("node.port", "11311", "node.memory", "1g", "node.idle_timeout", "30", "data_dir", "/tmp/x"));

        assertThat(config.port()).isEqualTo(11311);
        assertThat(config.memoryLimit()).isEqualTo(1L << 30);
        assertThat(config.idleTimeout()).isEqualTo(Duration.ofSeconds(30));
        assertThat(config.dataDir()).isEqualTo(Path.of("/tmp/x"));
    }

    @Test
    void laterFlagForTheSamePathWins() {
        NodeConfig config = NodeConfigLoader.load(null, Map.of(), List.of(
                new ConfigOverride("node.threads", "2", "--threads"),
                new ConfigOverride("node.threads", "6", "--threads")));

        assertThat(config.threads()).isEqualTo(6);
    }

    @Test
    void badFlagIsBlamedOnTheFlag() {
        assertThatThrownBy(() -> load(dir, "node:\n  port: 11211\n", Map.of(),
                List.of(new ConfigOverride("node.port", "70000", "--port"))))
                .hasMessage("node.port (from --port): 70000 is out of range (expected 1-65535)");
    }

    @Test
    void flagThatCannotBeReadIsBlamedOnTheFlag() {
        assertThatThrownBy(() -> NodeConfigLoader.load(null, Map.of(),
                List.of(new ConfigOverride("node.memory", "64x", "--memory"))))
                .hasMessage("node.memory (from --memory): \"64x\" is not a size"
                        + " (expected a number with an optional unit k, m or g, e.g. 64m)");
    }

    @Test
    void flagForAnUnknownPathIsReported() {
        assertThatThrownBy(() -> NodeConfigLoader.load(null, Map.of(),
                List.of(new ConfigOverride("node.prot", "1", "--prot"))))
                .hasMessageStartingWith("node.prot (from --prot): unknown key, did you mean port?");
    }

    @Test
    void flagWithoutASourceIsNamedByItsPathOnly() {
        assertThatThrownBy(() -> NodeConfigLoader.load(null, Map.of(), Map.of("node.threads", "0")))
                .hasMessage("node.threads: 0 is too small (expected at least 1)");
    }

    @Test
    void flagsAreNotExpandedAgain() {
        // The shell has expanded the command line already; a literal ${ is the operator's.
        assertThatThrownBy(() -> NodeConfigLoader.load(null, Map.of("PORT", "1"),
                List.of(new ConfigOverride("node.port", "${PORT}", "--port"))))
                .hasMessage("node.port (from --port): \"${PORT}\" is not a whole number (expected e.g. 12001)");
    }
}
