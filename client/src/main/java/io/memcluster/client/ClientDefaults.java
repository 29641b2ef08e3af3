package io.memcluster.client;

import io.memcluster.client.statement.UsageException;
import io.memcluster.config.ConfigException;
import io.memcluster.config.ConfigLoader;
import io.memcluster.config.MemclusterConfig;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.function.Consumer;

/**
 * What the CLI connects to when no flag says otherwise, so that on the machine that runs the
 * cluster ({@code bin/memcluster up}) {@code bin/memcluster cli --username admin} just works: the
 * environment first ({@code MEMCLUSTER_HOST}, {@code MEMCLUSTER_PORT}, {@code MEMCLUSTER_CA},
 * {@code MEMCLUSTER_USER}, {@code MEMCLUSTER_PLAIN}), then {@code config.yaml}
 * ({@code coordinator.bind}, {@code coordinator.port}, {@code data_dir} for
 * {@code <data_dir>/certs/ca.crt}), then the built-in defaults. A standalone node is reached with
 * {@code --port} (its {@code node.port}).
 */
record ClientDefaults(String host, int port, Path caFile, String username, boolean plain, Path historyFile) {

    /**
     * @param configFile a config file the user named (it must be valid), or null for
     *                   {@code config/config.yaml} when it exists (a broken one gives a warning)
     * @throws UsageException for a bad environment value or a broken named config file
     */
    static ClientDefaults resolve(Path configFile, CliEnvironment environment, Consumer<String> warnings) {
        Map<String, String> env = environment.env();
        MemclusterConfig config = config(configFile, env, warnings);

        String host = env.get("MEMCLUSTER_HOST");
        if (blank(host)) {
            // a coordinator listening on every interface is reached on this machine through loopback
            host = switch (config.coordinator().bind()) {
                case "0.0.0.0", "::", "[::]" -> "127.0.0.1";
                default -> config.coordinator().bind();
            };
        }
        int port = config.coordinator().port();
        String portText = env.get("MEMCLUSTER_PORT");
        if (!blank(portText)) {
            port = port(portText, "MEMCLUSTER_PORT");
        }
        String ca = env.get("MEMCLUSTER_CA");
        Path caFile = blank(ca) ? config.node().dataDir().resolve("certs").resolve("ca.crt") : environment.userPath(ca);
        String plain = env.getOrDefault("MEMCLUSTER_PLAIN", "");
        String history = env.get("MEMCLUSTER_HISTORY");
        Path historyFile = blank(history) ? environment.userHome().resolve(".memcluster_history")
                : environment.userPath(history);
        return new ClientDefaults(host, port, caFile, blank(env.get("MEMCLUSTER_USER")) ? null : env.get("MEMCLUSTER_USER"),
                plain.equals("1") || plain.equalsIgnoreCase("true") || plain.equalsIgnoreCase("yes"), historyFile);
    }

    static int port(String text, String where) {
        try {
            int port = Integer.parseInt(text.trim());
            if (port >= 1 && port <= 65535) {
                return port;
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        throw new UsageException(where + " '" + text + "' is not a port (expected 1-65535)");
    }

    private static MemclusterConfig config(Path configFile, Map<String, String> env, Consumer<String> warnings) {
        if (configFile != null) {
            try {
                return ConfigLoader.load(configFile, env, java.util.List.of());
            } catch (ConfigException e) {
                throw new UsageException("invalid configuration " + configFile + ":\n" + e.getMessage());
            }
        }
        if (!Files.exists(ConfigLoader.DEFAULT_FILE)) {
            return MemclusterConfig.defaults();
        }
        try {
            return ConfigLoader.load(ConfigLoader.DEFAULT_FILE, env, java.util.List.of());
        } catch (ConfigException e) {
            warnings.accept("warning: " + ConfigLoader.DEFAULT_FILE + " has problems, so its host, port and"
                    + " data_dir are not used:\n" + e.getMessage());
            return MemclusterConfig.defaults();
        }
    }

    private static boolean blank(String value) {
        return value == null || value.isBlank();
    }
}
