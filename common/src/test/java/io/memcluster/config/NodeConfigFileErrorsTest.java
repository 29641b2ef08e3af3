package io.memcluster.config;

import static io.memcluster.config.ConfigFiles.load;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Mistakes an operator makes in config.yaml, and the line that points each one out. */
class NodeConfigFileErrorsTest {

    @TempDir
    Path dir;

    @ParameterizedTest(name = "{0}: {1}")
    @CsvSource(delimiter = '|', value = {
        "port: 70000             | node.port: 70000 is out of range (expected 1-65535)",
        "port: 0                 | node.port: 0 is out of range (expected 1-65535)",
        "port: 99999999999       | node.port: 99999999999 is out of range (expected 1-65535)",
        "port: 1.5               | node.port: \"1.5\" is not a whole number (expected e.g. 12001)",
        "port: 12001.0           | node.port: \"12001.0\" is not a whole number (expected e.g. 12001)",
        "port: 0x2EE1            | node.port: \"0x2EE1\" is not a whole number (expected e.g. 12001)",
        "port: twelve            | node.port: \"twelve\" is not a whole number (expected e.g. 12001)",
        "port:                   | node.port: is empty (expected a whole number, e.g. 12001)",
        "memory: 64x             | node.memory: \"64x\" is not a size (expected a number with an optional unit k, m or g, e.g. 64m)",
        "memory: 512k            | node.memory: 512k is too small (expected at least 1m)",
        "memory: 1.5g            | node.memory: \"1.5g\" is not a size (expected a number with an optional unit k, m or g, e.g. 64m)",
        "max_item_size: 512      | node.max_item_size: 512 is out of range (expected 1k-1g)",
        "max_item_size: 2g       | node.max_item_size: 2g is out of range (expected 1k-1g)",
        "max_item_size: 128m     | node.max_item_size: 128m is larger than node.memory (expected at most 64m)",
        "max_connections: 0      | node.max_connections: 0 is too small (expected at least 1)",
        "max_connections: 3000000000 | node.max_connections: 3000000000 is too large (expected at most 2147483647)",
        "threads: -1             | node.threads: -1 is too small (expected at least 1)",
        "threads: four           | node.threads: \"four\" is not a whole number (expected e.g. 4)",
        "idle_timeout: 5 minutes | node.idle_timeout: \"5 minutes\" is not a duration (expected a number with an optional unit ms, s, m, h or d, e.g. 30s)",
        "idle_timeout: -1s       | node.idle_timeout: \"-1s\" is not a duration (expected a number with an optional unit ms, s, m, h or d, e.g. 30s)",
        "enable_shutdown: yes    | node.enable_shutdown: \"yes\" is not a boolean (expected true or false)",
        "enable_shutdown: on     | node.enable_shutdown: \"on\" is not a boolean (expected true or false)",
        "enable_shutdown: 1      | node.enable_shutdown: \"1\" is not a boolean (expected true or false)",
        "bind: ''                | node.bind: is empty (expected a value, e.g. 127.0.0.1)",
        "bind: 10.0.0.1 10.0.0.2 | node.bind: \"10.0.0.1 10.0.0.2\" is not an address (expected an address or host name without spaces, e.g. 127.0.0.1)",
        "bind: [a, b]            | node.bind: is a list, not a single value (expected a value, e.g. 127.0.0.1)",
        "port: {number: 1}       | node.port: is a section, not a single value (expected a whole number, e.g. 12001)",
    })
    void badValueUnderNodeIsReportedWithItsPath(String line, String message) {
        assertThatThrownBy(() -> load(dir, "node:\n  " + line + "\n"))
                .isInstanceOf(ConfigException.class)
                .hasMessage(message);
    }

    @Test
    void booleansAcceptTrueAndFalseInAnyCase() {
        assertThat(load(dir, "node:\n  enable_shutdown: TRUE\n").shutdownEnabled()).isTrue();
        assertThat(load(dir, "node:\n  enable_shutdown: False\n").shutdownEnabled()).isFalse();
    }

    @Test
    void itemSizeMayEqualTheMemoryLimit() {
        NodeConfig config = load(dir, "node:\n  memory: 1m\n  max_item_size: 1024k\n");

        assertThat(config.maxItemSize()).isEqualTo(1 << 20);
    }

    @Test
    void emptyDataDirIsReported() {
        assertThatThrownBy(() -> load(dir, "data_dir: ''\n"))
                .hasMessage("data_dir: is empty (expected a path, e.g. data)");
    }

    @Test
    void misspelledKeyIsReportedWithASuggestionAndTheValidKeys() {
        assertThatThrownBy(() -> load(dir, "node:\n  prot: 11211\n"))
                .hasMessage("node.prot: unknown key, did you mean port? (valid keys under node: bind, port, memory,"
                        + " max_item_size, max_connections, threads, idle_timeout, enable_shutdown, connection_buffers)");
    }

    @Test
    void unknownKeyFarFromAnyValidOneGetsNoSuggestion() {
        assertThatThrownBy(() -> load(dir, "node:\n  colour: blue\n"))
                .hasMessageStartingWith("node.colour: unknown key (valid keys under node: bind, port,");
    }

    @Test
    void unknownTopLevelSectionListsTheValidOnes() {
        assertThatThrownBy(() -> load(dir, "replication:\n  factor: 3\n"))
                .hasMessage("replication: unknown key (valid top-level keys: node, data_dir, tls, snapshot, plain, auth,"
                        + " namespaces, coordinator, cluster)");
    }

    @Test
    void keyInTheWrongSectionIsUnknownThere() {
        assertThatThrownBy(() -> load(dir, "port: 11211\nnode:\n  data_dir: x\n"))
                .hasMessage("""
                        port: unknown key (valid top-level keys: node, data_dir, tls, snapshot, plain, auth,\
                         namespaces, coordinator, cluster)
                        node.data_dir: unknown key (valid keys under node: bind, port, memory, max_item_size,\
                         max_connections, threads, idle_timeout, enable_shutdown, connection_buffers)""");
    }

    @Test
    void keysAreCaseSensitive() {
        assertThatThrownBy(() -> load(dir, "node:\n  Port: 11211\n"))
                .hasMessageStartingWith("node.Port: unknown key, did you mean port?");
    }

    @Test
    void sectionWrittenAsAValueIsReported() {
        assertThatThrownBy(() -> load(dir, "node: 11211\n"))
                .hasMessage("node: is a single value, not a section (expected keys indented under node:)");
    }

    @Test
    void everyProblemInTheFileIsReportedAtOnceInFileOrder() {
        assertThatThrownBy(() -> load(dir, """
                node:
                  bind: 0.0.0.0
                  port: 70000
                  memory: 64x
                  prot: 1
                  threads: 0
                  enable_shutdown: yes
                data_dir: ''
                extra: 1
                """))
                .isInstanceOf(ConfigException.class)
                .hasMessage("""
                        node.port: 70000 is out of range (expected 1-65535)
                        node.memory: "64x" is not a size (expected a number with an optional unit k, m or g, e.g. 64m)
                        node.prot: unknown key, did you mean port? (valid keys under node: bind, port, memory,\
                         max_item_size, max_connections, threads, idle_timeout, enable_shutdown, connection_buffers)
                        node.threads: 0 is too small (expected at least 1)
                        node.enable_shutdown: "yes" is not a boolean (expected true or false)
                        data_dir: is empty (expected a path, e.g. data)
                        extra: unknown key (valid top-level keys: node, data_dir, tls, snapshot, plain, auth,\
                         namespaces, coordinator, cluster)""");
    }

    @Test
    void itemSizeIsNotComparedWithAMemoryLimitThatCouldNotBeRead() {
        // memory falls back to 64m internally; "128m is larger than node.memory" would be about a
        // limit nobody wrote.
        assertThatThrownBy(() -> load(dir, "node:\n  memory: 64x\n  max_item_size: 128m\n"))
                .isInstanceOfSatisfying(ConfigException.class, e -> assertThat(e.problems())
                        .extracting(ConfigProblem::path)
                        .containsExactly("node.memory"));
    }

    @Test
    void unreadableValueIsReportedOnceNotAgainByTheRuleOnItsStandIn() {
        assertThatThrownBy(() -> load(dir, "node:\n  port: ${PORT}\n"))
                .isInstanceOfSatisfying(ConfigException.class, e -> assertThat(e.problems()).hasSize(1));
    }

    @Test
    void loginDeadlineAndReservedSlotsAreReadUnderAuth() {
        NodeConfig config = load(dir, "auth:\n  login_timeout: 3s\n  reserved_connections: 2\n");

        assertThat(config.auth().loginTimeout()).isEqualTo(Duration.ofSeconds(3));
        assertThat(config.auth().reservedConnections()).isEqualTo(2);
        assertThat(load(dir, "").auth().loginTimeout()).isEqualTo(Duration.ofSeconds(10));
    }

    @Test
    void badLoginLimitsAreReportedWithTheirPaths() {
        assertThatThrownBy(() -> load(dir, "auth:\n  login_timeout: soon\n"))
                .hasMessage("auth.login_timeout: \"soon\" is not a duration (expected a number with an optional"
                        + " unit ms, s, m, h or d, e.g. 30s)");
        assertThatThrownBy(() -> load(dir, "auth:\n  reserved_connections: -1\n"))
                .hasMessage("auth.reserved_connections: -1 is out of range (expected 0 or more, fewer than"
                        + " max_connections)");
        assertThatThrownBy(() -> load(dir, "node:\n  max_connections: 8\nauth:\n  reserved_connections: 8\n"))
                .hasMessage("auth.reserved_connections: 8 is not less than node.max_connections 8 (expected fewer,"
                        + " or no client could log in)");
    }

    @Test
    void secretValuesAreNotEchoedInMessages() {
        // No key holds a secret yet; the reader must already keep one out of messages.
        Problems problems = new Problems();
        ConfigNode auth = ConfigNode.root(Map.of("auth", Map.of("password_ttl", "hunter2")), problems).section("auth");

        auth.duration("password_ttl", Duration.ZERO);

        assertThatThrownBy(() -> problems.throwIfAny(Map.of()))
                .hasMessage("auth.password_ttl: the value is not a duration (expected a number with an optional unit"
                        + " ms, s, m, h or d, e.g. 30s)");
    }
}
