package io.memcluster.coordinator.lifecycle;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ClusterOptionsTest {

    @TempDir
    Path caller;

    private final ByteArrayOutputStream err = new ByteArrayOutputStream();

    @Test
    void pathsOnTheCommandLineAreRelativeToWhereTheUserWas() throws Exception {
        Files.writeString(caller.resolve("cluster.yaml"), "cluster:\n  local:\n    count: 2\n");
        ClusterOptions options = new ClusterOptions();
        options.config = "cluster.yaml";
        options.dataDir = "state";

        ClusterOptions.Loaded loaded = load(options);

        assertThat(loaded.configFile()).isEqualTo(caller.resolve("cluster.yaml"));
        assertThat(loaded.layout().dir()).isEqualTo(caller.resolve("state"));
        assertThat(loaded.config().cluster().local().count()).isEqualTo(2);
        assertThat(loaded.config().node().auth().usersFile()).isEqualTo(caller.resolve("state/users.json"));
    }

    @Test
    void withoutAConfigFileTheDefaultsApply() {
        // The tests run in the module folder, which has no config/config.yaml.
        ClusterOptions.Loaded loaded = load(new ClusterOptions());

        assertThat(loaded.configFile()).isNull();
        assertThat(loaded.config().cluster().local().count()).isEqualTo(3);
        assertThat(loaded.layout().dir()).isEqualTo(Path.of("data").toAbsolutePath());
    }

    @Test
    void anInvalidConfigurationIsReportedWithItsPath() throws Exception {
        Files.writeString(caller.resolve("bad.yaml"), "cluster:\n  replication_factor: 9\n");
        ClusterOptions options = new ClusterOptions();
        options.config = "bad.yaml";

        assertThat(load(options)).isNull();
        assertThat(err.toString(StandardCharsets.UTF_8))
                .startsWith("memcluster up: invalid configuration\n")
                .contains("cluster.replication_factor");
    }

    private ClusterOptions.Loaded load(ClusterOptions options) {
        return options.load(Map.of(ClusterOptions.CALLER_DIR_ENV, caller.toString()), "up",
                new PrintStream(err, true, StandardCharsets.UTF_8));
    }
}
