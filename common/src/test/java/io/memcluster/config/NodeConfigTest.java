package io.memcluster.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/** The record's own rules, as code that builds a NodeConfig without a file meets them. */
class NodeConfigTest {

    private static final NodeConfig D = NodeConfig.defaults();

    @Test
    void defaultsAreThoseOfAStandaloneMemcachedOnLoopback() {
        assertThat(D).isEqualTo(new NodeConfig("127.0.0.1", 12001, 64L << 20, 1 << 20, 1024, 4, Duration.ZERO, false,
                Path.of("data")));
    }

    @Test
    void acceptsTheBoundsThemselves() {
        NodeConfig smallest = new NodeConfig("::1", 1, 1L << 20, 1024, 1, 1, Duration.ZERO, false, Path.of("d"));
        NodeConfig largest = new NodeConfig("0.0.0.0", 65535, 1L << 30, 1 << 30, Integer.MAX_VALUE, 64,
                Duration.ofDays(1), true, Path.of("/var/lib/memcluster"));

        assertThat(smallest.port()).isEqualTo(1);
        assertThat(largest.maxItemSize()).isEqualTo(1 << 30);
    }

    @Test
    void portOutsideTcpRangeIsRefused() {
        assertThatThrownBy(() -> withPort(0)).hasMessage("node.port: 0 is out of range (expected 1-65535)");
        assertThatThrownBy(() -> withPort(65536)).hasMessage("node.port: 65536 is out of range (expected 1-65535)");
    }

    @Test
    void memoryBelowOneMegabyteIsRefused() {
        assertThatThrownBy(() -> new NodeConfig("127.0.0.1", 12001, (1L << 20) - 1, 1024, 1024, 4, Duration.ZERO,
                false, Path.of("data")))
                .hasMessage("node.memory: 1048575 is too small (expected at least 1m)");
    }

    @Test
    void itemSizeOutsideMemcachedBoundsIsRefused() {
        assertThatThrownBy(() -> withItemSize(1023))
                .hasMessage("node.max_item_size: 1023 is out of range (expected 1k-1g)");
        assertThatThrownBy(() -> withItemSize((1 << 30) + 1))
                .hasMessage("node.max_item_size: 1073741825 is out of range (expected 1k-1g)");
    }

    @Test
    void itemLargerThanTheMemoryLimitIsRefused() {
        assertThatThrownBy(() -> new NodeConfig("127.0.0.1", 12001, 2L << 20, 4 << 20, 1024, 4, Duration.ZERO, false,
                Path.of("data")))
                .hasMessage("node.max_item_size: 4m is larger than node.memory (expected at most 2m)");
    }

    @Test
    void connectionsAndThreadsNeedAtLeastOne() {
        assertThatThrownBy(() -> new NodeConfig("127.0.0.1", 12001, 64L << 20, 1 << 20, 0, 4, Duration.ZERO, false,
                Path.of("data")))
                .hasMessage("node.max_connections: 0 is too small (expected at least 1)");
        assertThatThrownBy(() -> new NodeConfig("127.0.0.1", 12001, 64L << 20, 1 << 20, 1024, -2, Duration.ZERO,
                false, Path.of("data")))
                .hasMessage("node.threads: -2 is too small (expected at least 1)");
    }

    @Test
    void negativeIdleTimeoutIsRefused() {
        assertThatThrownBy(() -> new NodeConfig("127.0.0.1", 12001, 64L << 20, 1 << 20, 1024, 4,
                Duration.ofSeconds(-5), false, Path.of("data")))
                .hasMessage("node.idle_timeout: -5s is negative (expected 0s, which never closes idle connections, or more)");
    }

    @Test
    void bindMustBeAnAddressWithoutSpaces() {
        assertThatThrownBy(() -> withBind(" "))
                .hasMessage("node.bind: is empty (expected an address or host name, e.g. 127.0.0.1 or 0.0.0.0)");
        assertThatThrownBy(() -> withBind("127.0.0.1 10.0.0.1"))
                .hasMessage("node.bind: \"127.0.0.1 10.0.0.1\" is not an address"
                        + " (expected an address or host name without spaces, e.g. 127.0.0.1)");
    }

    @Test
    void dataDirMustNotBeEmpty() {
        assertThatThrownBy(() -> new NodeConfig("127.0.0.1", 12001, 64L << 20, 1 << 20, 1024, 4, Duration.ZERO, false,
                Path.of("")))
                .hasMessage("data_dir: is empty (expected a folder, e.g. data)");
    }

    @Test
    void reportsEveryBrokenRuleAtOnce() {
        assertThatThrownBy(() -> new NodeConfig("", 0, 0, 0, 0, 0, Duration.ofMillis(-1), false, Path.of("")))
                .isInstanceOfSatisfying(ConfigException.class, e -> assertThat(e.problems())
                        .extracting(ConfigProblem::path)
                        .containsExactly("node.bind", "node.port", "node.memory", "node.max_item_size",
                                "node.max_connections", "node.threads", "node.idle_timeout", "data_dir"))
                .hasMessageContaining("\nnode.port: 0 is out of range (expected 1-65535)\n");
    }

    private static NodeConfig withPort(int port) {
        return new NodeConfig(D.bind(), port, D.memoryLimit(), D.maxItemSize(), D.maxConnections(), D.threads(),
                D.idleTimeout(), D.shutdownEnabled(), D.dataDir());
    }

    private static NodeConfig withItemSize(int bytes) {
        return new NodeConfig(D.bind(), D.port(), 2L << 30, bytes, D.maxConnections(), D.threads(),
                D.idleTimeout(), D.shutdownEnabled(), D.dataDir());
    }

    private static NodeConfig withBind(String bind) {
        return new NodeConfig(bind, D.port(), D.memoryLimit(), D.maxItemSize(), D.maxConnections(), D.threads(),
                D.idleTimeout(), D.shutdownEnabled(), D.dataDir());
    }
}
