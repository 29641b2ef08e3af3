package io.memcluster.config;

import java.io.IOException;
import java.nio.charset.MalformedInputException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Builds a {@link NodeConfig} from built-in defaults, then {@code config/config.yaml} with
 * {@code ${VAR:-default}} expanded, then command-line flags: each wins over the one before.
 * Every problem on the way is collected and thrown as one {@link ConfigException}.
 */
public final class NodeConfigLoader {

    /** Where the launcher, which starts every process in the installation folder, looks by default. */
    public static final Path DEFAULT_FILE = Path.of("config", "config.yaml");

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
        Map<String, String> sourceByPath = new HashMap<>();
        overrides.stream().filter(o -> o.source() != null).forEach(o -> sourceByPath.put(o.path(), o.source()));
        Problems problems = new Problems(sourceByPath);

        // expand() copies the tree into fresh maps, which the overrides then change in place.
        Set<String> overridden = overrides.stream().map(ConfigOverride::path).collect(Collectors.toSet());
        Map<String, Object> tree = EnvExpansion.expand(read(file, problems), env, overridden, problems);
        overrides.forEach(o -> override(tree, o));
        ConfigNode root = ConfigNode.root(tree, problems);

        NodeConfig defaults = NodeConfig.defaults();
        ConfigNode node = root.section("node");
        String bind = node.string("bind", defaults.bind());
        long port = node.integer("port", defaults.port());
        long memory = node.size("memory", defaults.memoryLimit());
        long maxItemSize = node.size("max_item_size", defaults.maxItemSize());
        long maxConnections = node.integer("max_connections", defaults.maxConnections());
        long threads = node.integer("threads", defaults.threads());
        Duration idleTimeout = node.duration("idle_timeout", defaults.idleTimeout());
        boolean shutdownEnabled = node.bool("enable_shutdown", defaults.shutdownEnabled());
        Path dataDir = root.path("data_dir", defaults.dataDir());

        TlsConfig tlsDefaults = TlsConfig.defaults(dataDir);
        ConfigNode tls = root.section("tls");
        boolean tlsEnabled = tls.bool("enabled", tlsDefaults.enabled());
        Path certificate = tls.path("cert", tlsDefaults.certificate());
        Path key = tls.path("key", tlsDefaults.key());
        Path ca = tls.path("ca", tlsDefaults.ca());
        String clientAuthWord = tls.string("client_auth", tlsDefaults.clientAuth().word());
        TlsConfig.ClientAuth clientAuth = TlsConfig.ClientAuth.parse(clientAuthWord);
        if (clientAuth == null) {
            problems.add(tls.pathOf("client_auth"), ConfigProblem.quote(clientAuthWord)
                    + " is not a client certificate mode (expected " + TlsConfig.ClientAuth.VALID + ")");
            clientAuth = tlsDefaults.clientAuth();
        }

        ConfigNode plain = root.section("plain");
        long plainPort = plain.integer("port", PlainConfig.OFF.port());
        boolean allowRemote = plain.bool("allow_remote", PlainConfig.OFF.allowRemote());

        AuthConfig authDefaults = AuthConfig.defaults(dataDir);
        ConfigNode auth = root.section("auth");
        boolean authEnabled = auth.bool("enabled", authDefaults.enabled());
        Path usersFile = auth.path("users_file", authDefaults.usersFile());
        // Not in the file: the environment variable the users command also reads, so that one
        // exported value serves both the node and the token minting.
        String secretSource = null;
        String secret = auth.optionalString("token_secret", "at least "
                + io.memcluster.auth.TokenSecret.MIN_BYTES + " bytes, e.g. from: openssl rand -base64 48");
        if (secret == null && env.get(AuthConfig.TOKEN_SECRET_ENV) != null
                && !env.get(AuthConfig.TOKEN_SECRET_ENV).isEmpty()) {
            secret = env.get(AuthConfig.TOKEN_SECRET_ENV);
            secretSource = AuthConfig.TOKEN_SECRET_ENV;
        }
        Optional<String> tokenSecret = Optional.ofNullable(secret);
        root.reportUnknownKeys();

        // An unreadable memory value stands in as its default; checking max_item_size against that
        // default would report a limit nobody wrote, so the comparison is skipped instead.
        long memoryToCompare = problems.has(node.pathOf("memory")) ? Long.MAX_VALUE : memory;
        problems.addAll(NodeConfig.check(bind, port, memoryToCompare, maxItemSize, maxConnections, threads,
                idleTimeout, dataDir));
        problems.addAll(TlsConfig.check(certificate, key, ca));
        problems.addAll(PlainConfig.check(plainPort, port));
        problems.addAll(AuthConfig.check(usersFile, tokenSecret, secretSource));
        problems.throwIfAny(tree);
        return new NodeConfig(bind, (int) port, memory, (int) maxItemSize, (int) maxConnections, (int) threads,
                idleTimeout, shutdownEnabled, dataDir,
                new TlsConfig(tlsEnabled, certificate, key, ca, clientAuth),
                new PlainConfig((int) plainPort, allowRemote),
                new AuthConfig(authEnabled, usersFile, tokenSecret));
    }

    /** Overrides without a flag name to report: {@code "node.port" -> "11311"}. */
    public static NodeConfig load(Path file, Map<String, String> env, Map<String, String> overrides) {
        return load(file, env, overrides.entrySet().stream()
                .map(e -> new ConfigOverride(e.getKey(), e.getValue(), null))
                .toList());
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
