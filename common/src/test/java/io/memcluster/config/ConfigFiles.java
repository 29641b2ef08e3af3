package io.memcluster.config;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/** Loads YAML text the way a node or the coordinator loads config.yaml, with an environment the test chooses. */
final class ConfigFiles {

    private ConfigFiles() {
    }

    static Path write(Path dir, String yaml) {
        try {
            return Files.writeString(dir.resolve("config.yaml"), yaml);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static NodeConfig load(Path dir, String yaml) {
        return load(dir, yaml, Map.of(), List.of());
    }

    static NodeConfig load(Path dir, String yaml, Map<String, String> env) {
        return load(dir, yaml, env, List.of());
    }

    static NodeConfig load(Path dir, String yaml, Map<String, String> env, List<ConfigOverride> overrides) {
        return NodeConfigLoader.load(write(dir, yaml), env, overrides);
    }

    static MemclusterConfig loadAll(Path dir, String yaml) {
        return loadAll(dir, yaml, Map.of(), List.of());
    }

    static MemclusterConfig loadAll(Path dir, String yaml, Map<String, String> env, List<ConfigOverride> overrides) {
        return ConfigLoader.load(write(dir, yaml), env, overrides);
    }
}
