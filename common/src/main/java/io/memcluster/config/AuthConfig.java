package io.memcluster.config;

import io.memcluster.auth.TokenSecret;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * The {@code auth} section: whether clients must log in, where the users are, the secret
 * that checks signed tokens, and how long and how many connections may wait to log in.
 *
 * @param enabled     clients must authenticate before any command; false lets every client do
 *                    everything (only for a node no one else can reach)
 * @param usersFile   users.json
 * @param tokenSecret the HS256 key for tokens; empty refuses every token. Never printed:
 *                    {@link #toString()} leaves it out
 * @param loginTimeout a connection that has not logged in this long after it connected is
 *                    closed; zero never closes one
 * @param reservedConnections connection slots (of node.max_connections or
 *                    coordinator.max_connections) that connections not logged in may not hold
 */
public record AuthConfig(boolean enabled, Path usersFile, Optional<String> tokenSecret, Duration loginTimeout,
        int reservedConnections) {

    /** Where the token secret comes from when config.yaml does not set one. */
    public static final String TOKEN_SECRET_ENV = "MEMCLUSTER_TOKEN_SECRET";
    public static final Duration DEFAULT_LOGIN_TIMEOUT = Duration.ofSeconds(10);
    public static final int DEFAULT_RESERVED_CONNECTIONS = 8;

    public AuthConfig {
        Objects.requireNonNull(usersFile, "usersFile");
        Objects.requireNonNull(tokenSecret, "tokenSecret");
        Objects.requireNonNull(loginTimeout, "loginTimeout");
        ConfigException.throwIfAny(checkLimits(loginTimeout, reservedConnections));
    }

    /** The login deadline and the reserved slots at their defaults. */
    public AuthConfig(boolean enabled, Path usersFile, Optional<String> tokenSecret) {
        this(enabled, usersFile, tokenSecret, DEFAULT_LOGIN_TIMEOUT, DEFAULT_RESERVED_CONNECTIONS);
    }

    /** Auth on, users in {@code <dataDir>/users.json}, no tokens. */
    public static AuthConfig defaults(Path dataDir) {
        return new AuthConfig(true, dataDir.resolve("users.json"), Optional.empty());
    }

    public AuthConfig disabled() {
        return new AuthConfig(false, usersFile, tokenSecret, loginTimeout, reservedConnections);
    }

    public AuthConfig withLoginLimits(Duration loginTimeout, int reservedConnections) {
        return new AuthConfig(enabled, usersFile, tokenSecret, loginTimeout, reservedConnections);
    }

    /**
     * The slots connections not logged in may hold of {@code maxConnections}: all but the
     * reserved ones, and at least one (the loader refuses a reservation of every slot; this
     * keeps a config built in code from locking everyone out).
     */
    public int maxWaitingForLogin(int maxConnections) {
        return Math.max(1, maxConnections - reservedConnections);
    }

    static List<ConfigProblem> checkLimits(Duration loginTimeout, long reservedConnections) {
        List<ConfigProblem> problems = new ArrayList<>();
        if (loginTimeout.isNegative()) {
            problems.add(new ConfigProblem("auth.login_timeout", null, Durations.format(loginTimeout)
                    + " is negative (expected 0s, which never closes a connection for not logging in, or more)"));
        }
        if (reservedConnections < 0 || reservedConnections > Integer.MAX_VALUE) {
            problems.add(new ConfigProblem("auth.reserved_connections", null, reservedConnections
                    + " is out of range (expected 0 or more, fewer than max_connections)"));
        }
        return problems;
    }

    /** A reservation must leave a slot for connections that have not logged in yet. */
    static List<ConfigProblem> checkReservation(long reservedConnections, String maxPath, long maxConnections) {
        if (reservedConnections >= maxConnections && maxConnections >= 1) {
            return List.of(new ConfigProblem("auth.reserved_connections", null, reservedConnections + " is not less"
                    + " than " + maxPath + " " + maxConnections + " (expected fewer, or no client could log in)"));
        }
        return List.of();
    }

    static List<ConfigProblem> check(Path usersFile, Optional<String> tokenSecret, String secretSource) {
        List<ConfigProblem> problems = new ArrayList<>();
        if (usersFile.toString().isBlank()) {
            problems.add(new ConfigProblem("auth.users_file", null, "is empty (expected a file, e.g. data/users.json)"));
        }
        tokenSecret.ifPresent(secret -> {
            int bytes = secret.getBytes(StandardCharsets.UTF_8).length;
            if (bytes < TokenSecret.MIN_BYTES) {
                // The value itself is never repeated: it is a secret, however short.
                String is = secretSource == null ? "is " : "set by $" + secretSource + " is ";
                problems.add(new ConfigProblem("auth.token_secret", null, is + bytes
                        + " bytes long (expected at least " + TokenSecret.MIN_BYTES
                        + "; generate one with: openssl rand -base64 48)"));
            }
        });
        return problems;
    }

    @Override
    public String toString() {
        return "AuthConfig[enabled=" + enabled + ", usersFile=" + usersFile + ", tokenSecret="
                + (tokenSecret.isPresent() ? "(set)" : "(none)") + ", loginTimeout=" + loginTimeout
                + ", reservedConnections=" + reservedConnections + "]";
    }
}
