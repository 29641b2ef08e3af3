package io.memcluster.config;

import io.memcluster.auth.TokenSecret;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * The {@code auth} section: whether clients must log in, where the users are, and the secret
 * that checks signed tokens.
 *
 * @param enabled     clients must authenticate before any command; false lets every client do
 *                    everything (only for a node no one else can reach)
 * @param usersFile   users.json
 * @param tokenSecret the HS256 key for tokens; empty refuses every token. Never printed:
 *                    {@link #toString()} leaves it out
 */
public record AuthConfig(boolean enabled, Path usersFile, Optional<String> tokenSecret) {

    /** Where the token secret comes from when config.yaml does not set one. */
    public static final String TOKEN_SECRET_ENV = "MEMCLUSTER_TOKEN_SECRET";

    public AuthConfig {
        Objects.requireNonNull(usersFile, "usersFile");
        Objects.requireNonNull(tokenSecret, "tokenSecret");
    }

    /** Auth on, users in {@code <dataDir>/users.json}, no tokens. */
    public static AuthConfig defaults(Path dataDir) {
        return new AuthConfig(true, dataDir.resolve("users.json"), Optional.empty());
    }

    public AuthConfig disabled() {
        return new AuthConfig(false, usersFile, tokenSecret);
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
                + (tokenSecret.isPresent() ? "(set)" : "(none)") + "]";
    }
}
