package io.memcluster.config;

import static io.memcluster.config.ConfigFiles.load;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The tls, plain and auth sections: defaults under data_dir, every key, every mistake. */
class SecuritySectionsTest {

    @TempDir
    Path dir;

    @Test
    void defaultsAreTlsWithGeneratedFilesAuthOnAndNoPlainListener() {
        NodeConfig config = NodeConfig.defaults();

        assertThat(config.tls()).isEqualTo(new TlsConfig(true, Path.of("data/certs/server.crt"),
                Path.of("data/certs/server.key"), Path.of("data/certs/ca.crt"), TlsConfig.ClientAuth.NONE));
        assertThat(config.plain().enabled()).isFalse();
        assertThat(config.auth()).isEqualTo(new AuthConfig(true, Path.of("data/users.json"), Optional.empty()));
    }

    @Test
    void defaultFilesFollowDataDir() {
        NodeConfig config = load(dir, "data_dir: /var/lib/memcluster\n");

        assertThat(config.tls().certificate()).isEqualTo(Path.of("/var/lib/memcluster/certs/server.crt"));
        assertThat(config.tls().ca()).isEqualTo(Path.of("/var/lib/memcluster/certs/ca.crt"));
        assertThat(config.tls().usesDefaultFiles(Path.of("/var/lib/memcluster"))).isTrue();
        assertThat(config.auth().usersFile()).isEqualTo(Path.of("/var/lib/memcluster/users.json"));
    }

    @Test
    void readsEverySecurityKey() {
        String secret = "s".repeat(40);
        NodeConfig config = load(dir, """
                tls:
                  enabled: false
                  cert: /etc/mc/node.pem
                  key: /etc/mc/node.key
                  ca: /etc/mc/ca.pem
                  client_auth: require
                plain:
                  port: 11311
                  allow_remote: true
                auth:
                  enabled: false
                  users_file: /etc/mc/users.json
                  token_secret: %s
                """.formatted(secret));

        assertThat(config.tls()).isEqualTo(new TlsConfig(false, Path.of("/etc/mc/node.pem"),
                Path.of("/etc/mc/node.key"), Path.of("/etc/mc/ca.pem"), TlsConfig.ClientAuth.REQUIRE));
        assertThat(config.tls().usesDefaultFiles(config.dataDir())).isFalse();
        assertThat(config.plain()).isEqualTo(new PlainConfig(11311, true));
        assertThat(config.plain().bindAddress("0.0.0.0")).isEqualTo("0.0.0.0");
        assertThat(config.auth()).isEqualTo(new AuthConfig(false, Path.of("/etc/mc/users.json"), Optional.of(secret)));
    }

    @Test
    void plainListenerStaysOnLoopbackUnlessAllowed() {
        NodeConfig config = load(dir, "node:\n  bind: 0.0.0.0\nplain:\n  port: 11311\n");

        assertThat(config.plain().bindAddress(config.bind())).isEqualTo("127.0.0.1");
    }

    @Test
    void plainPortFlagWins() {
        NodeConfig config = load(dir, "plain:\n  port: 11311\n", Map.of(),
                List.of(new ConfigOverride("plain.port", "11411", "--plain-port")));

        assertThat(config.plain().port()).isEqualTo(11411);
    }

    @Test
    void tokenSecretComesFromTheEnvironmentWhenTheFileHasNone() {
        String secret = "e".repeat(32);

        assertThat(load(dir, "", Map.of(AuthConfig.TOKEN_SECRET_ENV, secret)).auth().tokenSecret()).contains(secret);
        assertThat(load(dir, "auth:\n  token_secret: " + "f".repeat(32) + "\n",
                Map.of(AuthConfig.TOKEN_SECRET_ENV, secret)).auth().tokenSecret()).contains("f".repeat(32));
    }

    @Test
    void everyMistakeIsReportedWithItsPathAndNoSecretIsEchoed() {
        assertThatThrownBy(() -> load(dir, """
                node:
                  port: 12001
                tls:
                  enabled: maybe
                  client_auth: sometimes
                plain:
                  port: 12001
                auth:
                  token_secret: tooshort
                """))
                .isInstanceOf(ConfigException.class)
                .hasMessage(String.join("\n",
                        "tls.enabled: \"maybe\" is not a boolean (expected true or false)",
                        "tls.client_auth: \"sometimes\" is not a client certificate mode"
                                + " (expected none, optional or require)",
                        "plain.port: 12001 is node.port too (expected another port, or 0 for no plaintext listener)",
                        "auth.token_secret: is 8 bytes long (expected at least 32;"
                                + " generate one with: openssl rand -base64 48)"))
                .message().doesNotContain("tooshort");
    }

    @Test
    void shortSecretFromTheEnvironmentNamesTheVariable() {
        assertThatThrownBy(() -> load(dir, "", Map.of(AuthConfig.TOKEN_SECRET_ENV, "short")))
                .hasMessage("auth.token_secret: set by $MEMCLUSTER_TOKEN_SECRET is 5 bytes long (expected at least 32;"
                        + " generate one with: openssl rand -base64 48)");
    }

    @Test
    void plainPortOutOfRange() {
        assertThatThrownBy(() -> load(dir, "plain:\n  port: 70000\n"))
                .hasMessage("plain.port: 70000 is out of range (expected 1-65535, or 0 for no plaintext listener)");
    }

    @Test
    void typoInASecuritySectionIsAnUnknownKey() {
        assertThatThrownBy(() -> load(dir, "tls:\n  client_uath: require\n"))
                .hasMessageStartingWith("tls.client_uath: unknown key, did you mean client_auth?");
    }

    @Test
    void toStringNeverShowsTheTokenSecret() {
        NodeConfig config = load(dir, "auth:\n  token_secret: " + "x".repeat(33) + "\n");

        assertThat(config.toString()).doesNotContain("xxxx").contains("tokenSecret=(set)");
    }
}
