package io.memcluster.config;

import java.io.IOException;
import java.nio.charset.MalformedInputException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Builds a {@link MemclusterConfig} from built-in defaults, then {@code config/config.yaml} with
 * {@code ${VAR:-default}} expanded, then command-line flags: each wins over the one before.
 * Every problem in every section is collected and thrown as one {@link ConfigException}, in the
 * order of the file.
 */
public final class ConfigLoader {

    /** Where the launcher, which starts every process in the installation folder, looks by default. */
    public static final Path DEFAULT_FILE = Path.of("config", "config.yaml");

    private ConfigLoader() {
    }

    /**
     * @param file      the YAML file; null for built-in defaults only. {@link #DEFAULT_FILE} may be
     *                  missing (a process runs without one); any other file must exist.
     * @param env       environment for {@code ${VAR}}: usually {@link System#getenv()}
     * @param overrides command-line values, applied in order after the file
     * @throws ConfigException listing every problem, one a line
     */
    public static MemclusterConfig load(Path file, Map<String, String> env, List<ConfigOverride> overrides) {
        Map<String, String> sourceByPath = new HashMap<>();
        overrides.stream().filter(o -> o.source() != null).forEach(o -> sourceByPath.put(o.path(), o.source()));
        Problems problems = new Problems(sourceByPath);

        // expand() copies the tree into fresh maps, which the overrides then change in place.
        Set<String> overridden = overrides.stream().map(ConfigOverride::path).collect(Collectors.toSet());
        Map<String, Object> tree = EnvExpansion.expand(read(file, problems), env, overridden, problems);
        overrides.forEach(o -> override(tree, o));
        ConfigNode root = ConfigNode.root(tree, problems);

        // The order of the reads is the order in which messages list the valid top-level keys.
        NodeConfig node = NodeSections.read(root, env, problems);
        CoordinatorConfig coordinator = CoordinatorSection.read(root, problems);
        ClusterConfig cluster = ClusterSection.read(root, coordinator, problems);
        if (node != null && coordinator != null) {
            // auth applies to the coordinator's listeners too, under their own max_connections
            problems.addAll(AuthConfig.checkReservation(node.auth().reservedConnections(),
                    "coordinator.max_connections", coordinator.maxConnections()));
        }
        root.reportUnknownKeys();
        problems.throwIfAny(tree);
        return new MemclusterConfig(node, coordinator, cluster);
    }

    private static Map<String, Object> read(Path file, Problems problems) {
        if (file == null || (file.normalize().equals(DEFAULT_FILE) && !Files.exists(file))) {
            return Map.of();
        }
        String where = file.toString();
        if (Files.isDirectory(file)) {
            problems.add(where, "is a folder (expected a YAML file)");
            return Map.of();
        }
        if (!Files.exists(file)) {
            problems.add(where, "does not exist (expected a YAML file, e.g. " + DEFAULT_FILE + ")");
            return Map.of();
        }
        try {
            return YamlTree.parse(Files.readString(file, StandardCharsets.UTF_8), where, problems);
        } catch (MalformedInputException e) {
            problems.add(where, "is not UTF-8 text (expected a YAML file saved as UTF-8)");
        } catch (AccessDeniedException e) {
            problems.add(where, "is not readable (expected read permission for this user)");
        } catch (IOException e) {
            problems.add(where, "cannot be read: " + e.getMessage());
        }
        return Map.of();
    }

    /**
     * Puts the value at its path, creating sections as needed. Where the file has a single value
     * in the way ({@code node: 5}), the override is left out: that section is reported broken.
     */
    @SuppressWarnings("unchecked") // the tree's sections are maps with String keys (YamlTree)
    private static void override(Map<String, Object> tree, ConfigOverride override) {
        String[] keys = override.path().split("\\.", -1);
        Map<String, Object> section = tree;
        for (int i = 0; i < keys.length - 1; i++) {
            Object child = section.get(keys[i]);
            if (child == null) {
                child = new LinkedHashMap<String, Object>();
                section.put(keys[i], child);
            }
            if (!(child instanceof Map)) {
                return;
            }
            section = (Map<String, Object>) child;
        }
        section.put(keys[keys.length - 1], override.value());
    }
}
