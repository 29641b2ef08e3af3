package io.memcluster.config;

import static io.memcluster.config.ConfigFiles.load;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Problems with the document itself, before any key is read. */
class YamlDocumentTest {

    @TempDir
    Path dir;

    @Test
    void duplicateKeyIsRefusedWithItsLine() {
        Path file = ConfigFiles.write(dir, "node:\n  port: 11211\n  threads: 2\n  port: 11311\n");

        assertThatThrownBy(() -> NodeConfigLoader.load(file, Map.of(), List.of()))
                .isInstanceOf(ConfigException.class)
                .hasMessage(file + ": has the key \"port\" twice, again at line 4, column 3"
                        + " (expected each key once per section)");
    }

    @Test
    void duplicateSectionIsRefused() {
        assertThatThrownBy(() -> load(dir, "node:\n  port: 1\nnode:\n  threads: 2\n"))
                .hasMessageContaining("has the key \"node\" twice, again at line 3, column 1");
    }

    @Test
    void syntaxErrorNamesFileLineAndColumn() {
        Path file = ConfigFiles.write(dir, "node:\n  port: 11211\n  bind: 127.0.0.1: 80\n");

        assertThatThrownBy(() -> NodeConfigLoader.load(file, Map.of(), List.of()))
                .hasMessage(file + ": is not valid YAML at line 3, column 18: mapping values are not allowed here"
                        + " (expected YAML: check the indentation, the space after each colon and the quotes)");
    }

    @Test
    void badIndentationNamesItsLine() {
        assertThatThrownBy(() -> load(dir, "node:\n  port: 11211\n bind: 0.0.0.0\n"))
                .hasMessageContaining(": is not valid YAML at line 3, column 2: ");
    }

    @Test
    void tabIndentationNamesItsLine() {
        assertThatThrownBy(() -> load(dir, "node:\n\tport: 11211\n"))
                .hasMessageContaining(": is not valid YAML at line 2, column 1: found character '\\t(TAB)'");
    }

    @Test
    void syntaxErrorDoesNotEchoTheDocument() {
        // SnakeYAML's own message quotes the lines around the error, secrets included.
        assertThatThrownBy(() -> load(dir, "auth:\n  password: hunter2\n  bad: a: b\n"))
                .isInstanceOf(ConfigException.class)
                .message()
                .doesNotContain("hunter2")
                .doesNotContain("\n");
    }

    @Test
    void secondDocumentInTheFileIsRefused() {
        assertThatThrownBy(() -> load(dir, "node:\n  port: 1\n---\nnode:\n  port: 2\n"))
                .hasMessageContaining("is not valid YAML at line 3, column 1: expected a single document in the stream,"
                        + " but found another document");
    }

    @Test
    void topLevelMustBeAMapping() {
        Path file = ConfigFiles.write(dir, "- node\n- data_dir\n");

        assertThatThrownBy(() -> NodeConfigLoader.load(file, Map.of(), List.of()))
                .hasMessage(file + ": is not a mapping (expected keys such as node: at the top level)");
    }

    @Test
    void tagsThatWouldBuildObjectsAreRefused() {
        assertThatThrownBy(() -> load(dir, "node:\n  bind: !!javax.script.ScriptEngineManager [x]\n"))
                .hasMessageContaining("is not valid YAML at line 2, column 9: Global tag is not allowed");
        assertThatThrownBy(() -> load(dir, "node:\n  bind: !local x\n"))
                .hasMessageContaining("is not valid YAML at line 2, column 9: could not determine a constructor"
                        + " for the tag !local");
    }

    @Test
    void explicitTagsForDataThatNoKeyTakesAreRefused() {
        assertThatThrownBy(() -> load(dir, "node:\n  bind: !!binary aGVsbG8=\n"))
                .hasMessage("node.bind: has an explicit YAML tag this file does not use (expected a plain value, e.g. 64m)");
    }

    @Test
    void explicitNumberTagsReadLikeTheText() {
        assertThat(load(dir, "node:\n  port: !!int 11211\n").port()).isEqualTo(11211);
    }

    @Test
    void quotedValuesReadLikePlainOnes() {
        NodeConfig config = load(dir, "node:\n  port: \"11211\"\n  enable_shutdown: 'true'\n");

        assertThat(config.port()).isEqualTo(11211);
        assertThat(config.shutdownEnabled()).isTrue();
    }

    @Test
    void fileThatIsNotUtf8IsRefused() throws Exception {
        Path file = dir.resolve("latin1.yaml");
        Files.write(file, new byte[] {'n', 'o', 'd', 'e', ':', '\n', ' ', ' ', 'b', 'i', 'n', 'd', ':', ' ', (byte) 0xE9, '\n'});

        assertThatThrownBy(() -> NodeConfigLoader.load(file, Map.of(), List.of()))
                .hasMessage(file + ": is not UTF-8 text (expected a YAML file saved as UTF-8)");
    }
}
