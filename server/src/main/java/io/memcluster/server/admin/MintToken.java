package io.memcluster.server.admin;

import io.memcluster.auth.TokenIssuer;
import io.memcluster.auth.TokenSecret;
import io.memcluster.time.Clock;
import java.time.Duration;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;

@Command(name = "token",
        description = "Print a signed token for a user; a client logs in with the password"
                + " jwt:<token>. The secret must equal the nodes' auth.token_secret.")
final class MintToken implements Callable<Integer> {

    @ParentCommand
    UsersCommand users;

    @Parameters(index = "0", paramLabel = "NAME", description = "The username.")
    String username;

    @Option(names = "--ttl", paramLabel = "DURATION", converter = DurationConverter.class, defaultValue = "1h",
            description = "How long the token is valid, like 90s, 30m, 12h or 7d (default: ${DEFAULT-VALUE}).")
    Duration ttl;

    @Option(names = "--secret", paramLabel = "SECRET",
            description = "The token secret, at least 32 bytes; else $MEMCLUSTER_TOKEN_SECRET.")
    String secret;

    @Override
    public Integer call() throws Exception {
        TokenSecret tokenSecret = tokenSecret();
        var file = users.load();
        var user = file.users().find(username)
                .orElseThrow(() -> new IllegalStateException("no user '" + username + "' in " + file.path()));
        // Only the token on stdout, so that scripts can capture it.
        users.out.println(new TokenIssuer(tokenSecret, Clock.system()).mint(user, ttl));
        return 0;
    }

    private TokenSecret tokenSecret() {
        if (secret != null) {
            return TokenSecret.of(secret, "--secret");
        }
        String fromEnv = users.env.get(UsersCommand.TOKEN_SECRET_ENV);
        if (fromEnv == null) {
            throw new IllegalArgumentException("no token secret: pass --secret or set "
                    + UsersCommand.TOKEN_SECRET_ENV + " (the nodes' auth.token_secret)");
        }
        return TokenSecret.of(fromEnv, UsersCommand.TOKEN_SECRET_ENV);
    }
}
