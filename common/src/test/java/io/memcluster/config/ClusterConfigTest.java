package io.memcluster.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The coordinator and cluster records' own rules, as code that builds them without a file meets them. */
class ClusterConfigTest {

    private static final Duration SECOND = Duration.ofSeconds(1);

    @Test
    void defaultsAreThreeLocalNodesBehindMemcachedsPort() {
        assertThat(CoordinatorConfig.defaults())
                .isEqualTo(new CoordinatorConfig("127.0.0.1", 11211, 0, 4, 1024, Duration.ZERO));
        assertThat(CoordinatorConfig.defaults().plainEnabled()).isFalse();
        assertThat(ClusterConfig.defaults()).isEqualTo(new ClusterConfig(2, WritePolicy.ALL_LIVE, SECOND,
                new LocalNodes(3, 12001), List.of()));
        assertThat(MemclusterConfig.defaults()).isEqualTo(new MemclusterConfig(NodeConfig.defaults(),
                CoordinatorConfig.defaults(), ClusterConfig.defaults()));
    }

    @Test
    void localNodesAreNamedFromOneAndCountUpFromTheFirstPort() {
        LocalNodes local = new LocalNodes(3, 12001);

        assertThat(local.name(0)).isEqualTo("node-1");
        assertThat(local.name(2)).isEqualTo("node-3");
        assertThat(local.port(0)).isEqualTo(12001);
        assertThat(local.port(2)).isEqualTo(12003);
        assertThat(local.dataDir(Path.of("data"), 1)).isEqualTo(Path.of("data/nodes/node-2"));
        assertThat(local.isLocalName("node-3")).isTrue();
        assertThat(local.isLocalName("node-4")).isFalse();
        assertThatThrownBy(() -> local.name(3)).isInstanceOf(IndexOutOfBoundsException.class);
        assertThatThrownBy(() -> local.port(-1)).isInstanceOf(IndexOutOfBoundsException.class);
    }

    @Test
    void membersListLocalNodesFirstThenRemoteOnesInTheirOrder() {
        ClusterConfig cluster = new ClusterConfig(3, WritePolicy.QUORUM, SECOND, new LocalNodes(2, 13001), List.of(
                new RemoteNode("cache-b", "10.0.0.6", 12001, 2), new RemoteNode("cache-a", "10.0.0.5", 12001)));

        assertThat(cluster.members()).containsExactly(
                new ClusterMember("node-1", "127.0.0.1", 13001, 1, true),
                new ClusterMember("node-2", "127.0.0.1", 13002, 1, true),
                new ClusterMember("cache-b", "10.0.0.6", 12001, 2, false),
                new ClusterMember("cache-a", "10.0.0.5", 12001, 1, false));
        assertThat(cluster.members().get(2).address()).isEqualTo("10.0.0.6:12001");
        assertThat(new ClusterMember("v6", "::1", 12001, 1, false).address()).isEqualTo("[::1]:12001");
    }

    @Test
    void quorumIsAMajorityOfTheReplicas() {
        assertThat(withReplicas(1).quorum()).isEqualTo(1);
        assertThat(withReplicas(2).quorum()).isEqualTo(2);
        assertThat(withReplicas(3).quorum()).isEqualTo(2);
        assertThat(withReplicas(4).quorum()).isEqualTo(3);
        assertThat(withReplicas(5).quorum()).isEqualTo(3);
    }

    @Test
    void writePoliciesHaveTheirYamlWords() {
        assertThat(WritePolicy.ALL_LIVE.word()).isEqualTo("all_live");
        assertThat(WritePolicy.QUORUM.word()).isEqualTo("quorum");
        assertThat(WritePolicy.parse(" quorum ")).isEqualTo(WritePolicy.QUORUM);
        assertThat(WritePolicy.parse("ALL_LIVE")).isNull();
    }

    @Test
    void nodesListIsACopy() {
        List<RemoteNode> nodes = new java.util.ArrayList<>(List.of(new RemoteNode("cache-1", "h", 1)));
        ClusterConfig cluster = new ClusterConfig(1, WritePolicy.ALL_LIVE, SECOND, new LocalNodes(0, 12001), nodes);

        nodes.clear();

        assertThat(cluster.nodes()).hasSize(1);
    }

    @Test
    void coordinatorRefusesWhatTheNodeRefuses() {
        assertThatThrownBy(() -> new CoordinatorConfig("", 0, 70000, 0, 0, Duration.ofSeconds(-1)))
                .hasMessage(String.join("\n",
                        "coordinator.bind: is empty (expected an address or host name, e.g. 127.0.0.1 or 0.0.0.0)",
                        "coordinator.port: 0 is out of range (expected 1-65535)",
                        "coordinator.plain_port: 70000 is out of range (expected 1-65535, or 0 for no plaintext"
                                + " listener)",
                        "coordinator.threads: 0 is too small (expected at least 1)",
                        "coordinator.max_connections: 0 is too small (expected at least 1)",
                        "coordinator.idle_timeout: -1s is negative (expected 0s, which never closes idle"
                                + " connections, or more)"));
    }

    @Test
    void remoteNodeBuiltInCodeIsCheckedToo() {
        assertThatThrownBy(() -> new RemoteNode("a b", "h h", 0, 0))
                .hasMessage(String.join("\n",
                        "cluster.nodes[*].name: \"a b\" is not a node name (expected 1-64 letters, digits, '.', '_'"
                                + " or '-', e.g. cache-1)",
                        "cluster.nodes[*].host: \"h h\" is not a host (expected a host name or address without"
                                + " spaces, e.g. 10.0.0.5)",
                        "cluster.nodes[*].port: 0 is out of range (expected 1-65535)",
                        "cluster.nodes[*].weight: 0 is out of range (expected 1-1000)"));
        assertThat(new RemoteNode("A.b_c-9", "cache-1.example.com", 65535, 1000).weight()).isEqualTo(1000);
        assertThat(new RemoteNode("x".repeat(64), "h", 1).name()).hasSize(64);
        assertThatThrownBy(() -> new RemoteNode("x".repeat(65), "h", 1)).hasMessageContaining("is not a node name");
    }

    @Test
    void clusterWithoutNodesOrWithTooFewForItsReplicasIsRefused() {
        assertThatThrownBy(() -> new ClusterConfig(1, WritePolicy.ALL_LIVE, SECOND, new LocalNodes(0, 12001),
                List.of()))
                .hasMessage("cluster.local.count: 0 leaves the cluster without nodes (expected at least 1, or a node"
                        + " under cluster.nodes)");
        assertThatThrownBy(() -> new ClusterConfig(4, WritePolicy.ALL_LIVE, SECOND, new LocalNodes(3, 12001),
                List.of()))
                .hasMessage("cluster.replication_factor: 4 is more than the 3 nodes (expected 1-3)");
        assertThatThrownBy(() -> new ClusterConfig(2, WritePolicy.ALL_LIVE, SECOND, new LocalNodes(1, 12001),
                List.of()))
                .hasMessage("cluster.replication_factor: 2 is more than the 1 node (expected 1)");
    }

    @Test
    void localNodesMustNotTakeTheCoordinatorsPorts() {
        CoordinatorConfig coordinator = new CoordinatorConfig("127.0.0.1", 12002, 0, 4, 1024, Duration.ZERO);

        assertThatThrownBy(() -> new MemclusterConfig(NodeConfig.defaults(), coordinator, ClusterConfig.defaults()))
                .hasMessage("cluster.local.port_initial: 12001 puts node-2 on 12002, which is coordinator.port"
                        + " (expected a first port whose 3 ports miss coordinator.port and coordinator.plain_port,"
                        + " e.g. 12003)");
    }

    @Test
    void coordinatorsPlainListenerFollowsPlainAllowRemote() {
        NodeConfig node = NodeConfig.defaults().withPlain(new PlainConfig(0, true));
        CoordinatorConfig coordinator = new CoordinatorConfig("0.0.0.0", 11211, 11311, 4, 1024, Duration.ZERO);
        MemclusterConfig config = new MemclusterConfig(node, coordinator, ClusterConfig.defaults());

        assertThat(config.coordinatorPlain()).isEqualTo(new PlainConfig(11311, true));
        assertThat(config.coordinatorPlain().bindAddress(coordinator.bind())).isEqualTo("0.0.0.0");
        assertThat(MemclusterConfig.defaults().coordinatorPlain().enabled()).isFalse();
    }

    private static ClusterConfig withReplicas(int replicas) {
        return new ClusterConfig(replicas, WritePolicy.QUORUM, SECOND, new LocalNodes(5, 12001), List.of());
    }
}
