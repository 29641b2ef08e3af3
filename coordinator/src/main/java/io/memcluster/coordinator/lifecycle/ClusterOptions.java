package io.memcluster.coordinator.lifecycle;

import io.memcluster.config.ConfigException;
import io.memcluster.config.ConfigLoader;
import io.memcluster.config.ConfigOverride;
import io.memcluster.config.MemclusterConfig;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import picocli.CommandLine.Option;

/**
 * {@code --config} and {@code --data-dir}, shared by {@code up}, {@code down} and {@code status},
 * and the loading of the cluster they name. Paths given on the command line are the user's,
 * relative to where they ran the launcher (which then changes into the installation folder);
 * {@code data_dir} in config.yaml stays relative to the installation folder, as for a node.
 */
public final class ClusterOptions {

    /** What the launcher says the user's working folder was. */
    static final String CALLER_DIR_ENV = "MEMCLUSTER_CALLER_DIR";

    @Option(names = "--config", paramLabel = "FILE",
            description = "Configuration file (default: config/config.yaml when it exists).")
    String config;

    @Option(names = "--data-dir", paramLabel = "DIR",
            description = "Folder for certificates, users, pid files, logs and the nodes' data"
                    + " (data_dir; default: data).")
    String dataDir;

    /**
     * The loaded cluster.
     *
     * @param configFile the file read, absolute; null when there was none
     */
    public record Loaded(MemclusterConfig config, Path configFile, DataLayout layout) {
    }

    /**
     * @return null when the configuration is invalid, which is then reported on {@code err}
     *         under {@code memcluster <command>}
     */
    public Loaded load(Map<String, String> env, String command, PrintStream err) {
        return load(env, command, err, List.of());
    }

    /** The same with more values from the command line, after {@code --data-dir}. */
    public Loaded load(Map<String, String> env, String command, PrintStream err, List<ConfigOverride> more) {
        Path callerDir = callerDir(env);
        Path file = null;
        if (config != null) {
            file = callerDir.resolve(config).toAbsolutePath().normalize();
        } else if (Files.exists(ConfigLoader.DEFAULT_FILE)) {
            file = ConfigLoader.DEFAULT_FILE.toAbsolutePath().normalize();
        }
        List<ConfigOverride> overrides = new ArrayList<>();
        if (dataDir != null) {
            overrides.add(new ConfigOverride("data_dir", callerDir.resolve(dataDir).toAbsolutePath().normalize()
                    .toString(), "--data-dir"));
        }
        overrides.addAll(more);
        try {
            MemclusterConfig loaded = ConfigLoader.load(file, env, overrides);
            return new Loaded(loaded, file, new DataLayout(loaded.node().dataDir()));
        } catch (ConfigException e) {
            err.println("memcluster " + command + ": invalid configuration");
            err.println(e.getMessage());
            return null;
        }
    }

    private static Path callerDir(Map<String, String> env) {
        String caller = env.get(CALLER_DIR_ENV);
        return Path.of(caller != null && !caller.isBlank() ? caller : "").toAbsolutePath();
    }
}
