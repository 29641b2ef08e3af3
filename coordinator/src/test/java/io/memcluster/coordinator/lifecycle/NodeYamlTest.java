package io.memcluster.coordinator.lifecycle;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.memcluster.config.AuthConfig;
import io.memcluster.config.ConfigLoader;
import io.memcluster.config.MemclusterConfig;
import io.memcluster.config.NamespaceQuotas;
import io.memcluster.config.NodeConfig;
import io.memcluster.config.NodeConfigLoader;
import io.memcluster.config.PlainConfig;
import io.memcluster.config.TlsConfig;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class NodeYamlTest {

    @TempDir
    Path dir;

    @Test
    void theNodeLoadsExactlyWhatIsGeneratedFromTheDefaults() throws IOException {
        DataLayout layout = new DataLayout(dir.resolve("data"));
        Path yaml = NodeYaml.write(MemclusterConfig.defaults(), layout, 1);

        assertThat(yaml).isEqualTo(layout.dir().resolve("nodes/node-2/node.yaml"));
        Path nodeDir = layout.dir().resolve("nodes/node-2");
        Path certs = layout.dir().resolve("certs");
        assertThat(load(yaml)).isEqualTo(new NodeConfig("127.0.0.1", 12002, 64L << 20, 1 << 20, 1024, 4,
                Duration.ZERO, false, nodeDir,
                new TlsConfig(true, certs.resolve("server.crt"), certs.resolve("server.key"), certs.resolve("ca.crt"),
                        TlsConfig.ClientAuth.REQUIRE),
                PlainConfig.OFF,
                new AuthConfig(true, nodeDir.resolve("users.json"), Optional.empty())));
    }

    @Test
    void theNodeSectionCarriesOverButTheClusterSecurityDoesNot() throws Exception {
        // What the cluster's clients get (plaintext, a plain port, logins) is the coordinator's;
        // its nodes always take mutual TLS from the cluster's own certificates.
        Path config = Files.writeString(dir.resolve("config.yaml"), String.join("\n",
                "node:", "  bind: 0.0.0.0", "  port: 9999", "  memory: 128m", "  max_item_size: 2m",
                "  max_connections: 10", "  threads: 2", "  idle_timeout: 90s", "  enable_shutdown: true",
                "  connection_buffers: 48m",
                "tls:", "  enabled: false", "  client_auth: none",
                "plain:", "  port: 11999", "  allow_remote: true",
                "auth:", "  enabled: true",
                "cluster:", "  local:", "    count: 2", "    port_initial: 13001", ""));
        MemclusterConfig cluster = ConfigLoader.load(config, Map.of(), List.of());
        DataLayout layout = new DataLayout(dir.resolve("cluster data"));

        NodeConfig node = load(NodeYaml.write(cluster, layout, 0));

        assertThat(node.bind()).isEqualTo("127.0.0.1");
        assertThat(node.port()).isEqualTo(13001);
        assertThat(node.memoryLimit()).isEqualTo(128L << 20);
        assertThat(node.maxItemSize()).isEqualTo(2 << 20);
        assertThat(node.maxConnections()).isEqualTo(10);
        assertThat(node.threads()).isEqualTo(2);
        assertThat(node.idleTimeout()).isEqualTo(Duration.ofSeconds(90));
        assertThat(node.shutdownEnabled()).isFalse();
        assertThat(node.connectionBuffers()).as("sizes the node's JVM").isEqualTo(48L << 20);
        assertThat(node.tls().enabled()).isTrue();
        assertThat(node.tls().clientAuth()).isEqualTo(TlsConfig.ClientAuth.REQUIRE);
        assertThat(node.plain()).isEqualTo(PlainConfig.OFF);
        assertThat(node.auth().enabled()).as("logins on: only the coordinator is a user").isTrue();
        assertThat(node.auth().usersFile()).isEqualTo(layout.dir().resolve("nodes/node-1/users.json"));
        assertThat(io.memcluster.auth.UsersFile.load(node.auth().usersFile()).list())
                .extracting(io.memcluster.auth.User::username).containsExactly("coordinator");
        assertThat(node.dataDir()).isEqualTo(layout.dir().resolve("nodes/node-1"));
    }

    @Test
    void theNamespacesQuotasReachEveryLocalNode() throws Exception {
        // issue 12: without them a writer of one namespace evicts the others' items on every node
        Path config = Files.writeString(dir.resolve("config.yaml"), String.join("\n",
                "node:", "  memory: 32m",
                "namespaces:", "  cart:", "    memory: 8m", "  \"null\": {memory: 1025k}",
                "  \"1\": {memory: 3145729}",
                "cluster:", "  local:", "    count: 2", ""));
        MemclusterConfig cluster = ConfigLoader.load(config, Map.of(), List.of());
        DataLayout layout = new DataLayout(dir.resolve("data"));

        for (int i = 0; i < 2; i++) {
            assertThat(load(NodeYaml.write(cluster, layout, i)).quotas()).as("node-%d", i + 1)
                    .isEqualTo(new NamespaceQuotas(Map.of("cart", 8L << 20, "null", 1025L << 10, "1", 3145729L)));
        }
    }

    @Test
    void withoutQuotasTheFileHasNoNamespacesSection() {
        assertThat(NodeYaml.text(MemclusterConfig.defaults(), new DataLayout(dir), 0).lines())
                .noneMatch(line -> line.startsWith("namespaces"));
    }

    @Test
    void pathsWithSpacesQuotesAndBackslashesComeBackUnchanged() throws IOException {
        DataLayout layout = new DataLayout(dir.resolve("it's a \"data\" dir\\here"));
        NodeConfig node = load(NodeYaml.write(MemclusterConfig.defaults(), layout, 0));
        assertThat(node.dataDir()).isEqualTo(layout.dir().resolve("nodes/node-1"));
        assertThat(node.tls().ca()).isEqualTo(layout.dir().resolve("certs/ca.crt"));
    }

    @Test
    void aPathThatTheLoaderWouldExpandIsRefused() {
        DataLayout layout = new DataLayout(dir.resolve("${HOME}"));
        assertThatThrownBy(() -> NodeYaml.text(MemclusterConfig.defaults(), layout, 0))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("contains ${");
    }

    @Test
    void theFileSaysItIsGeneratedAndWhereToChangeIt() {
        String text = NodeYaml.text(MemclusterConfig.defaults(), new DataLayout(dir), 2);
        assertThat(text.lines().takeWhile(line -> line.startsWith("#")).toList())
                .anySatisfy(line -> assertThat(line).contains("node-3").contains("generated by bin/memcluster up"))
                .anySatisfy(line -> assertThat(line).contains("rewritten at each start"))
                .anySatisfy(line -> assertThat(line).contains("Change config.yaml instead"));
    }

    private static NodeConfig load(Path yaml) {
        return NodeConfigLoader.load(yaml, Map.of(), Map.of());
    }
}
