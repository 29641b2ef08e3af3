package io.memcluster.coordinator.lifecycle;

import static org.assertj.core.api.Assertions.assertThat;

import io.memcluster.config.ConfigLoader;
import io.memcluster.config.ConfigOverride;
import io.memcluster.config.MemclusterConfig;
import io.memcluster.config.NodeConfig;
import io.memcluster.config.PlainConfig;
import io.memcluster.server.RunningNode;
import io.memcluster.time.Clock;
import io.netty.handler.ssl.SslProvider;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * "Does the coordinator serve?", asked of a node standing in for it: both answer version alike,
 * and that answer is all the probe looks at.
 */
class CoordinatorProbeTest {

    private static final Duration TIMEOUT = Duration.ofSeconds(2);

    @TempDir
    Path dir;

    @Test
    void aPlainPortAnsweringVersionServes() {
        NodeConfig plain = RunningNode.secureConfig(dir);
        plain = plain.withTls(plain.tls().disabled()).withAuth(plain.auth().disabled())
                .withPlain(new PlainConfig(RunningNode.freePort(), false));
        try (RunningNode standIn = RunningNode.start(plain, Clock.system())) {
            MemclusterConfig config = cluster("coordinator.port", Integer.toString(standIn.port()),
                    "coordinator.plain_port", Integer.toString(standIn.plainPort()));

            assertThat(new CoordinatorProbe(config, new DataLayout(dir), TIMEOUT).problem()).isEmpty();
        }
    }

    @Test
    void aTlsPortAskingForALoginServes() {
        // Auth on, TLS with the certificates a first start makes under dir/certs, which the probe trusts.
        NodeConfig secure = RunningNode.secureConfig(dir);
        try (RunningNode standIn = RunningNode.start(secure, Clock.system(), SslProvider.JDK)) {
            MemclusterConfig config = cluster("data_dir", dir.toString(), "coordinator.port",
                    Integer.toString(standIn.port()));

            assertThat(new CoordinatorProbe(config, new DataLayout(dir), TIMEOUT).problem()).isEmpty();
        }
    }

    @Test
    void nothingListeningIsAProblemNamingTheAddress() {
        int port = RunningNode.freePort();
        MemclusterConfig config = cluster("coordinator.port", Integer.toString(port), "tls.enabled", "false");

        assertThat(new CoordinatorProbe(config, new DataLayout(dir), TIMEOUT).problem())
                .hasValueSatisfying(problem -> assertThat(problem)
                        .startsWith("127.0.0.1:" + port + " does not answer"));
    }

    @Test
    void everyInterfaceIsReachedOnLoopback() {
        assertThat(CoordinatorProbe.connectHost("0.0.0.0")).isEqualTo("127.0.0.1");
        assertThat(CoordinatorProbe.connectHost("::")).isEqualTo("127.0.0.1");
        assertThat(CoordinatorProbe.connectHost("10.0.0.5")).isEqualTo("10.0.0.5");
        assertThat(CoordinatorProbe.address("::1", 11211)).isEqualTo("[::1]:11211");
    }

    private static MemclusterConfig cluster(String... pathsAndValues) {
        List<ConfigOverride> overrides = new ArrayList<>();
        for (int i = 0; i < pathsAndValues.length; i += 2) {
            overrides.add(new ConfigOverride(pathsAndValues[i], pathsAndValues[i + 1], null));
        }
        // Local nodes well away from whatever free ports the stand-in took.
        overrides.add(new ConfigOverride("cluster.local.port_initial", "2001", null));
        return ConfigLoader.load(null, Map.of(), overrides);
    }
}
