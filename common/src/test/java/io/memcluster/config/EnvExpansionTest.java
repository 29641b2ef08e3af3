package io.memcluster.config;

import static io.memcluster.config.ConfigFiles.load;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** ${VAR} and ${VAR:-default} in config.yaml, from an environment the test controls. */
class EnvExpansionTest {

    @TempDir
    Path dir;

    @Test
    void variableReplacesTheReference() {
        NodeConfig config = load(dir, "node:\n  port: ${PORT}\n  memory: ${MEM}\n", Map.of("PORT", "11211", "MEM", "256m"));

        assertThat(config.port()).isEqualTo(11211);
        assertThat(config.memoryLimit()).isEqualTo(256L << 20);
    }

    @Test
    void setVariableWinsOverItsDefault() {
        assertThat(load(dir, "node:\n  port: ${PORT:-12001}\n", Map.of("PORT", "11211")).port()).isEqualTo(11211);
    }

    @Test
    void defaultAppliesWhenTheVariableIsUnset() {
        assertThat(load(dir, "node:\n  port: ${PORT:-11311}\n", Map.of()).port()).isEqualTo(11311);
    }

    @Test
    void defaultAppliesWhenTheVariableIsEmptyAsInAShell() {
        assertThat(load(dir, "node:\n  port: ${PORT:-11311}\n", Map.of("PORT", "")).port()).isEqualTo(11311);
    }

    @Test
    void referencesMayBePartOfAValue() {
        NodeConfig config = load(dir, "node:\n  idle_timeout: ${IDLE:-90}s\ndata_dir: ${HOME}/cache/${NAME:-node1}\n",
                Map.of("HOME", "/srv"));

        assertThat(config.idleTimeout()).isEqualTo(Duration.ofSeconds(90));
        assertThat(config.dataDir()).isEqualTo(Path.of("/srv/cache/node1"));
    }

    @Test
    void emptyDefaultGivesAnEmptyValue() {
        assertThat(load(dir, "data_dir: ${ROOT:-}data\n", Map.of()).dataDir()).isEqualTo(Path.of("data"));
    }

    @Test
    void unsetVariableWithoutDefaultNamesThePathAndTheVariable() {
        assertThatThrownBy(() -> load(dir, "node:\n  port: ${MEMCLUSTER_PORT}\n", Map.of("OTHER", "1")))
                .isInstanceOf(ConfigException.class)
                .hasMessage("node.port: environment variable MEMCLUSTER_PORT is not set"
                        + " (expected it set, or a default as in ${MEMCLUSTER_PORT:-value})");
    }

    @Test
    void everyUnsetVariableIsReported() {
        assertThatThrownBy(() -> load(dir, "node:\n  port: ${A}\n  bind: ${B}\ndata_dir: ${C}\n", Map.of()))
                .isInstanceOfSatisfying(ConfigException.class, e -> assertThat(e.problems())
                        .extracting(ConfigProblem::path)
                        .containsExactly("node.port", "node.bind", "data_dir"));
    }

    @Test
    void malformedReferenceIsReportedNotKeptAsText() {
        assertThatThrownBy(() -> load(dir, "data_dir: ${HOME/data\n", Map.of("HOME", "/srv")))
                .hasMessage("data_dir: has a ${ that does not start a variable reference"
                        + " (expected ${NAME} or ${NAME:-default}, NAME being letters, digits and _)");
        assertThatThrownBy(() -> load(dir, "data_dir: ${1X}\n", Map.of()))
                .hasMessageStartingWith("data_dir: has a ${ that does not start a variable reference");
    }

    @Test
    void expandedValueIsCheckedLikeAWrittenOne() {
        assertThatThrownBy(() -> load(dir, "node:\n  port: ${PORT}\n", Map.of("PORT", "70000")))
                .hasMessage("node.port: 70000 is out of range (expected 1-65535)");
        assertThatThrownBy(() -> load(dir, "node:\n  memory: ${MEM:-lots}\n", Map.of()))
                .hasMessage("node.memory: \"lots\" is not a size (expected a number with an optional unit k, m or g,"
                        + " e.g. 64m)");
    }

    @Test
    void unsetVariableMessageDoesNotEchoTheValueAroundIt() {
        assertThatThrownBy(() -> load(dir, "auth:\n  password: hunter2${SUFFIX}\n", Map.of()))
                .message()
                .contains("auth.password: environment variable SUFFIX is not set")
                .doesNotContain("hunter2");
    }

    @Test
    void keysAreNotExpanded() {
        assertThatThrownBy(() -> load(dir, "node:\n  ${KEY}: 11211\n", Map.of("KEY", "port")))
                .hasMessageStartingWith("node.${KEY}: unknown key");
    }

    @Test
    void realEnvironmentIsNotConsulted() {
        // PATH is set in any process that runs this test; only the map passed in counts.
        assertThatThrownBy(() -> NodeConfigLoader.load(ConfigFiles.write(dir, "data_dir: ${PATH}\n"), Map.of(), List.of()))
                .hasMessageContaining("environment variable PATH is not set");
    }

    @Test
    void valueReplacedByAFlagNeedsNoVariable() {
        NodeConfig config = load(dir, "node:\n  port: ${PORT}\n", Map.of(),
                List.of(new ConfigOverride("node.port", "11311", "--port")));

        assertThat(config.port()).isEqualTo(11311);
    }
}
