package io.memcluster.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Lists of sections (cluster.nodes) and keys that must be written, read from YAML text. */
class ConfigNodeListTest {

    private final Problems problems = new Problems();

    @Test
    void eachEntryIsASectionNamedByItsIndex() {
        Map<String, Object> tree = tree("""
                nodes:
                  - name: a
                    port: 1
                  - name: b
                """);
        List<ConfigNode> nodes = ConfigNode.root(tree, problems).sections("nodes", "name: a");

        assertThat(nodes).extracting(ConfigNode::path).containsExactly("nodes[0]", "nodes[1]");
        assertThat(nodes.get(1).string("name", "x")).isEqualTo("b");
        assertThat(nodes.get(0).integer("port", 9)).isEqualTo(1);
    }

    @Test
    void absentEmptyAndBracketListsHaveNoEntries() {
        ConfigNode root = ConfigNode.root(tree("empty:\nbrackets: []\n"), problems);

        assertThat(root.sections("absent", "name: a")).isEmpty();
        assertThat(root.sections("empty", "name: a")).isEmpty();
        assertThat(root.sections("brackets", "name: a")).isEmpty();
        assertThat(problems.has("empty")).isFalse();
    }

    @Test
    void valueThatIsNotAListIsReported() {
        ConfigNode root = ConfigNode.root(tree("one: 3\nmap:\n  name: a\n"), problems);

        assertThat(root.sections("one", "name: a")).isEmpty();
        assertThat(root.sections("map", "name: a")).isEmpty();
        assertThatThrownBy(() -> problems.throwIfAny(Map.of())).hasMessage("""
                one: is a single value, not a list (expected one entry per line starting with -, or [] for none)
                map: is a section, not a list (expected one entry per line starting with -, or [] for none)""");
    }

    @Test
    void entryThatIsNotASectionIsReportedAndKeepsItsPlace() {
        Map<String, Object> tree = tree("""
                nodes:
                  - cache-1
                  -
                  - [a, b]
                  - name: d
                """);
        List<ConfigNode> nodes = ConfigNode.root(tree, problems).sections("nodes", "name: cache-1");

        assertThat(nodes).hasSize(4);
        assertThat(nodes.subList(0, 3)).containsOnlyNulls();
        assertThat(nodes.get(3).path()).isEqualTo("nodes[3]");
        assertThatThrownBy(() -> problems.throwIfAny(tree)).hasMessage("""
                nodes[0]: is a single value, not a section (expected keys indented under its -, e.g. - name: cache-1)
                nodes[1]: is empty (expected keys indented under its -, e.g. - name: cache-1)
                nodes[2]: is a list, not a section (expected keys indented under its -, e.g. - name: cache-1)""");
    }

    @Test
    void unknownKeyInAnEntryIsReportedWithTheEntrysPath() {
        Map<String, Object> tree = tree("nodes:\n  - name: a\n  - name: b\n    prot: 1\n");
        ConfigNode root = ConfigNode.root(tree, problems);
        for (ConfigNode node : root.sections("nodes", "name: a")) {
            node.string("name", "x");
            node.integer("port", 1);
        }

        root.reportUnknownKeys();

        assertThatThrownBy(() -> problems.throwIfAny(tree))
                .hasMessage("nodes[1].prot: unknown key, did you mean port? (valid keys under nodes[1]: name, port)");
    }

    @Test
    void requiredKeyLeftOutIsReportedAfterWhatIsWrittenInItsEntry() {
        Map<String, Object> tree = tree("""
                nodes:
                  - name: a
                    port: x
                  - name: b
                after: 1
                """);
        ConfigNode root = ConfigNode.root(tree, problems);
        List<ConfigNode> nodes = root.sections("nodes", "name: a");
        for (ConfigNode node : nodes) {
            node.requiredString("host", "a host name");
        }
        nodes.get(0).requiredInteger("port", 12001);
        root.integer("after", 0);
        problems.add("after", "stands last");

        assertThatThrownBy(() -> problems.throwIfAny(tree)).hasMessage("""
                nodes[0].port: "x" is not a whole number (expected e.g. 12001)
                nodes[0].host: is missing (expected a host name)
                nodes[1].host: is missing (expected a host name)
                after: stands last""");
    }

    @Test
    void requiredKeysReadWhatIsWritten() {
        ConfigNode root = ConfigNode.root(tree("host: h\nport: 7\nblank: ''\n"), problems);

        assertThat(root.requiredString("host", "a host")).isEqualTo("h");
        assertThat(root.requiredInteger("port", 1)).isEqualTo(7L);
        assertThat(root.requiredString("blank", "a host")).isNull();
        assertThatThrownBy(() -> problems.throwIfAny(Map.of())).hasMessage("blank: is empty (expected a host)");
    }

    @Test
    void problemsUnderASectionAreFoundByItsPath() {
        problems.add("cluster.nodes[0].port", "wrong");

        assertThat(problems.hasUnder("cluster")).isTrue();
        assertThat(problems.hasUnder("cluster.nodes")).isTrue();
        assertThat(problems.hasUnder("cluster.nodes[0]")).isTrue();
        assertThat(problems.hasUnder("cluster.nodes[1]")).isFalse();
        assertThat(problems.hasUnder("clus")).isFalse();
    }

    private Map<String, Object> tree(String yaml) {
        return YamlTree.parse(yaml, "test.yaml", problems);
    }
}
