package io.memcluster.config;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;

/**
 * Reads what a node needs from the file: {@code node}, {@code data_dir}, {@code tls}, {@code snapshot},
 * {@code plain}, {@code auth} and {@code namespaces}, one typed read per key, then checks their
 * rules.
 */
final class NodeSections {

    private NodeSections() {
    }

    /**
     * @param env for the token secret, which may come from the environment instead of the file
     * @return the node's settings; null when any of them is wrong, which is then reported
     */
    static NodeConfig read(ConfigNode root, Map<String, String> env, Problems problems) {
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
        long connectionBuffers = node.size("connection_buffers", defaults.connectionBuffers());
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

        SnapshotConfig snapshotDefaults = SnapshotConfig.defaults(dataDir);
        ConfigNode snapshot = root.section("snapshot");
        Duration snapshotInterval = snapshot.duration("interval", snapshotDefaults.interval());
        Path snapshotDir = snapshot.path("dir", snapshotDefaults.dir());
        long snapshotThreads = snapshot.integer("threads", snapshotDefaults.threads());

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
        Duration loginTimeout = auth.duration("login_timeout", authDefaults.loginTimeout());
        long reservedConnections = auth.integer("reserved_connections", authDefaults.reservedConnections());

        // An unreadable memory value stands in as its default; checking max_item_size against that
        // default would report a limit nobody wrote, so the comparison is skipped instead.
        long memoryToCompare = problems.has(node.pathOf("memory")) ? Long.MAX_VALUE : memory;
        // and a memory too small is the problem, not the quotas that would not fit in it
        NamespaceQuotas quotas = NamespacesSection.read(root,
                memoryToCompare < NodeConfig.MIN_MEMORY ? Long.MAX_VALUE : memoryToCompare, problems);
        problems.addAll(NodeConfig.check(bind, port, memoryToCompare, maxItemSize, maxConnections, threads,
                idleTimeout, dataDir, connectionBuffers));
        problems.addAll(TlsConfig.check(certificate, key, ca));
        problems.addAll(SnapshotConfig.check(snapshotInterval, snapshotDir, snapshotThreads));
        problems.addAll(PlainConfig.check(plainPort, port));
        problems.addAll(AuthConfig.check(usersFile, tokenSecret, secretSource));
        problems.addAll(AuthConfig.checkLimits(loginTimeout, reservedConnections));
        if (!problems.has(node.pathOf("max_connections"))) {
            problems.addAll(AuthConfig.checkReservation(reservedConnections, "node.max_connections", maxConnections));
        }
        for (String section : new String[] {"node", "data_dir", "tls", "snapshot", "plain", "auth", "namespaces"}) {
            if (problems.hasUnder(section)) {
                return null;
            }
        }
        return new NodeConfig(bind, (int) port, memory, (int) maxItemSize, (int) maxConnections, (int) threads,
                idleTimeout, shutdownEnabled, dataDir,
                new TlsConfig(tlsEnabled, certificate, key, ca, clientAuth),
                new PlainConfig((int) plainPort, allowRemote),
                new AuthConfig(authEnabled, usersFile, tokenSecret, loginTimeout, (int) reservedConnections), quotas,
                connectionBuffers, new SnapshotConfig(snapshotInterval, snapshotDir, (int) snapshotThreads));
    }
}
