package io.memcluster.config;

import static io.memcluster.config.ConfigFiles.load;
import static io.memcluster.config.ConfigFiles.loadAll;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The JVM options bin/memcluster starts a node or a coordinator with: without them the JVM sized
 * itself from the machine (3/4 of RAM for the heap, as much again of direct memory) and a fuzzed
 * node with 64 MiB of items grew past 1.7 GB resident.
 */
class JvmMemoryTest {

    @TempDir
    Path dir;

    @Test
    void defaultNodeGetsItsMemoryAndAQuarterPlusConnectionBuffersPlusABase() {
        assertThat(JvmMemory.forNode(NodeConfig.defaults()).options(option -> false))
                .containsExactly("-Xmx176m", "-XX:MaxDirectMemorySize=64m"); // 64 + 16 + 64 + 32
    }

    @Test
    void nodeHeapGrowsWithMemoryAndConnectionBuffersBoundDirectMemory() {
        NodeConfig node = load(dir, "node: {memory: 1g, connection_buffers: 256m}\n");

        assertThat(JvmMemory.forNode(node)).isEqualTo(new JvmMemory((1024 + 256 + 256 + 32) * Sizes.MB, 256 * Sizes.MB));
    }

    @Test
    void sizesThatAreNotWholeMegabytesRoundUp() {
        NodeConfig node = load(dir, "node: {memory: 1025k, max_item_size: 1k, connection_buffers: 8193k}\n");

        // 1025k + 256.25k + 8193k + 32m = 41.25 MiB, so 42m; 8193k is 8.001 MiB, so 9m
        assertThat(JvmMemory.forNode(node).options(option -> false)).containsExactly("-Xmx42m", "-XX:MaxDirectMemorySize=9m");
    }

    @Test
    void flagWinsForConnectionBuffersAsForEveryOtherKey() {
        NodeConfig node = load(dir, "node: {connection_buffers: 16m}\n", Map.of(),
                List.of(new ConfigOverride("node.connection_buffers", "128m", "--connection-buffers")));

        assertThat(JvmMemory.forNode(node).direct()).isEqualTo(128 * Sizes.MB);
    }

    @Test
    void coordinatorKeepsNoItemsSoOnlyItsConnectionBuffersAndABaseCount() {
        assertThat(JvmMemory.forCoordinator(CoordinatorConfig.defaults()).options(option -> false))
                .containsExactly("-Xmx192m", "-XX:MaxDirectMemorySize=64m");

        MemclusterConfig cluster = loadAll(dir, "coordinator: {connection_buffers: 1g}\nnode: {memory: 8g}\n");

        assertThat(JvmMemory.forCoordinator(cluster.coordinator()).options(option -> false))
                .as("node.memory is the nodes' own").containsExactly("-Xmx2112m", "-XX:MaxDirectMemorySize=1024m");
    }

    @Test
    void nativeHeapIsTrimmedWhereTheJvmCanDoIt() {
        JvmMemory memory = JvmMemory.forNode(NodeConfig.defaults());

        // glibc kept ~200 MB of freed direct buffers after a 90 s fuzz without it
        assertThat(memory.options(option -> option.equals("TrimNativeHeapInterval")))
                .containsExactly("-Xmx176m", "-XX:MaxDirectMemorySize=64m", "-XX:TrimNativeHeapInterval=5000");
        assertThat(memory.options(option -> false)).as("an older JDK 17 would refuse to start")
                .containsExactly("-Xmx176m", "-XX:MaxDirectMemorySize=64m");
        assertThat(memory.options()).as("the JDK the tests run on").startsWith("-Xmx176m");
    }

    @Test
    void nodeConnectionBuffersBelowTheLeastAreRefusedByTheirPath() {
        assertThatThrownBy(() -> load(dir, "node: {connection_buffers: 1m}\n"))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("node.connection_buffers: 1m is too small (expected at least 8m)");
    }

    @Test
    void coordinatorConnectionBuffersThatAreNotASizeAreRefusedByTheirPath() {
        assertThatThrownBy(() -> loadAll(dir, "coordinator: {connection_buffers: lots}\n"))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("coordinator.connection_buffers")
                .hasMessageContaining("\"lots\" is not a size");
    }

    @Test
    void badConnectionBuffersFlagIsBlamedOnTheFlag() {
        assertThatThrownBy(() -> load(dir, "", Map.of(),
                List.of(new ConfigOverride("node.connection_buffers", "2m", "--connection-buffers"))))
                .isInstanceOf(ConfigException.class)
                .hasMessage("node.connection_buffers (from --connection-buffers): 2m is too small (expected at least 8m)");
    }

    @Test
    void aNodeAboutToLoadLargeSnapshotsStartsWithRoomForThemWithinItsCeiling() {
        JvmMemory node = new JvmMemory(4096 * Sizes.MB, 64 * Sizes.MB);
        assertThat(node.withRoomFor(2000 * Sizes.MB).options(option -> false))
                .containsExactly("-Xms2532m", "-Xmx4096m", "-XX:MaxDirectMemorySize=64m");
        assertThat(node.withRoomFor(8000 * Sizes.MB).initialHeap()).isEqualTo(4096 * Sizes.MB);
        assertThat(node.withRoomFor(100 * Sizes.MB).options(option -> false))
                .as("small files: the JVM's own initial heap").containsExactly("-Xmx4096m",
                        "-XX:MaxDirectMemorySize=64m");
        assertThat(node.withRoomFor(0).initialHeap()).isZero();
    }
}
