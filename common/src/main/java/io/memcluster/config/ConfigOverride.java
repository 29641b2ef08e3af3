package io.memcluster.config;

import java.util.Objects;

/**
 * A value set on the command line, which wins over the file and the defaults.
 *
 * @param path   YAML path of the setting, e.g. {@code node.port}
 * @param value  the value as typed; read like the same text in the file
 * @param source what problems with it should name instead of the file, e.g. {@code --port};
 *               null when there is nothing better to say than the path
 */
public record ConfigOverride(String path, String value, String source) {

    public ConfigOverride {
        Objects.requireNonNull(path, "path");
        Objects.requireNonNull(value, "value");
    }

    /** Adds the value of {@code flag} to {@code overrides} when it was given (not null). */
    public static void addIfGiven(java.util.List<ConfigOverride> overrides, String path, String value, String flag) {
        if (value != null) {
            overrides.add(new ConfigOverride(path, value, flag));
        }
    }
}
