package io.memcluster.server.security;

import static org.assertj.core.api.Assertions.assertThat;

import io.memcluster.auth.TokenIssuer;
import io.memcluster.auth.TokenSecret;
import io.memcluster.config.AuthConfig;
import io.memcluster.config.NodeConfig;
import io.memcluster.config.PlainConfig;
import io.memcluster.server.LogCapture;
import io.memcluster.server.RunningNode;
import io.memcluster.server.TestTls;
import io.memcluster.server.TestUsers;
import io.memcluster.testkit.RawClient;
import io.memcluster.time.Clock;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Everything the node logs at DEBUG and up during logins (right, wrong, by token, refused over
 * plaintext), reads, writes and refusals: no key, value, password or token appears in it.
 */
class NoSecretsInLogsTest {

    private static final String SECRET = "a-token-secret-that-is-long-enough-0123456789";

    @TempDir
    Path dataDir;

    @Test
    void noKeyValuePasswordOrTokenIsLogged() throws Exception {
        String password = "Pa55-word-never-logged";
        String wrong = "Wr0ng-guess-never-logged";
        String key = "cart.key-never-logged";
        String value = "value-never-logged";
        TestUsers.add(dataDir, "root", "root-pw", "ADMIN");
        TestUsers.add(dataDir, "alice", password, "cart:read");
        String token = new TokenIssuer(TokenSecret.of(SECRET), Clock.system())
                .mint(TestUsers.find(dataDir, "alice"), Duration.ofHours(1));
        NodeConfig config = RunningNode.secureConfig(dataDir);
        config = config.withPlain(new PlainConfig(RunningNode.freePort(), false))
                .withAuth(new AuthConfig(true, config.auth().usersFile(), Optional.of(SECRET)));

        try (LogCapture log = new LogCapture(); RunningNode node = RunningNode.start(config, Clock.system())) {
            try (RawClient client = RawClient.tls(node.port(), TestTls.trusting(TestTls.ca(dataDir)))) {
                client.login("alice", wrong);
                client.login(wrong, password);
                client.login("alice", "jwt:" + token.substring(0, token.length() - 4) + "AAAA");
                client.login("alice", password);
                client.call("set " + key + " 0 0 " + value.length() + "\r\n" + value + "\r\n",
                        "CLIENT_ERROR permission denied");
                client.call("get " + key + "\r\n", "END");
            }
            try (RawClient client = RawClient.tls(node.port(), TestTls.trusting(TestTls.ca(dataDir)))) {
                assertThat(client.login("alice", "jwt:" + token)).isEqualTo("STORED");
            }
            try (RawClient plain = new RawClient(node.plainPort())) {
                plain.login("alice", password);
            }
            node.close();

            assertThat(log.lines()).isNotEmpty().allSatisfy(line -> assertThat(line)
                    .doesNotContain(password, wrong, key, value, token, SECRET, token.substring(0, 20)));
        }
    }
}
