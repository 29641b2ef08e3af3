package io.memcluster.config;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * The node's way into {@link ConfigLoader}: the same file, environment and flags, of which a node
 * keeps {@link MemclusterConfig#node()}. The whole file is still checked, so a node started with
 * the cluster's config.yaml accepts its {@code coordinator} and {@code cluster} sections, and a
 * mistake there is reported by whichever process reads the file first.
 */
public final class NodeConfigLoader {

    /** Where the launcher, which starts every process in the installation folder, looks by default. */
    public static final Path DEFAULT_FILE = ConfigLoader.DEFAULT_FILE;

    private NodeConfigLoader() {
    }

    /**
     * @param file      the YAML file; null for built-in defaults only. {@link #DEFAULT_FILE} may be
     *                  missing (a node runs without one); any other file must exist.
     * @param env       environment for {@code ${VAR}}: usually {@link System#getenv()}
     * @param overrides command-line values, applied in order after the file
     * @throws ConfigException listing every problem, one a line
     */
    public static NodeConfig load(Path file, Map<String, String> env, List<ConfigOverride> overrides) {
        return ConfigLoader.load(file, env, overrides).node();
    }

    /** Overrides without a flag name to report: {@code "node.port" -> "11311"}. */
    public static NodeConfig load(Path file, Map<String, String> env, Map<String, String> overrides) {
        return load(file, env, overrides.entrySet().stream()
                .map(e -> new ConfigOverride(e.getKey(), e.getValue(), null))
                .toList());
    }
}
