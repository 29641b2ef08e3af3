package io.memcluster.client;

import io.memcluster.client.statement.UsageException;
import io.memcluster.config.ConfigException;
import io.memcluster.config.NodeConfig;
import io.memcluster.config.NodeConfigLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.function.Consumer;

/**
 * What the CLI connects to when no flag says otherwise, so that on the machine that runs the
 * node {@code bin/memcluster cli --username admin} just works: the environment first
 * ({@code MEMCLUSTER_HOST}, {@code MEMCLUSTER_PORT}, {@code MEMCLUSTER_CA},
 * {@code MEMCLUSTER_USER}, {@code MEMCLUSTER_PLAIN}), then the node's {@code config.yaml}
 * ({@code node.bind}, {@code node.port}, {@code data_dir} for {@code <data_dir>/certs/ca.crt}),
 * then the built-in defaults.
 */
record ClientDefaults(String host, int port, Path caFile, String username, boolean plain, Path historyFile) {

    /**
     * @param configFile a config file the user named (it must be valid), or null for
     *                   {@code config/config.yaml} when it exists (a broken one gives a warning)
     * @throws UsageException for a bad environment value or a broken named config file
     */
    static ClientDefaults resolve(Path configFile, CliEnvironment environment, Consumer<String> warnings) {
        Map<String, String> env = environment.env();
        NodeConfig node = nodeConfig(configFile, env, warnings);

        String host = env.get("MEMCLUSTER_HOST");
        if (blank(host)) {
            // a node listening on every interface is reached on this machine through loopback
            host = switch (node.bind()) {
                case "0.0.0.0", "::", "[::]" -> "127.0.0.1";
                default -> node.bind();
            };
        }
        int port = node.port();
        String portText = env.get("MEMCLUSTER_PORT");
        if (!blank(portText)) {
            port = port(portText, "MEMCLUSTER_PORT");
        }
        String ca = env.get("MEMCLUSTER_CA");
        Path caFile = blank(ca) ? node.dataDir().resolve("certs").resolve("ca.crt") : environment.userPath(ca);
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

    private static NodeConfig nodeConfig(Path configFile, Map<String, String> env, Consumer<String> warnings) {
        if (configFile != null) {
            try {
                return NodeConfigLoader.load(configFile, env, Map.of());
            } catch (ConfigException e) {
                throw new UsageException("invalid configuration " + configFile + ":\n" + e.getMessage());
            }
        }
        if (!Files.exists(NodeConfigLoader.DEFAULT_FILE)) {
            return NodeConfig.defaults();
        }
        try {
            return NodeConfigLoader.load(NodeConfigLoader.DEFAULT_FILE, env, Map.of());
        } catch (ConfigException e) {
            warnings.accept("warning: " + NodeConfigLoader.DEFAULT_FILE + " has problems, so its host, port and"
                    + " data_dir are not used:\n" + e.getMessage());
            return NodeConfig.defaults();
        }
    }

    private static boolean blank(String value) {
        return value == null || value.isBlank();
    }
}
