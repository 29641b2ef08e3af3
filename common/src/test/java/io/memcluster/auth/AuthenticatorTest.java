package io.memcluster.auth;

import static org.assertj.core.api.Assertions.assertThat;

import io.memcluster.time.ManualClock;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

class AuthenticatorTest {

    private static final PasswordHasher HASHER = new PasswordHasher();
    private static final TokenSecret SECRET = TokenSecret.of("0123456789abcdef0123456789abcdef");

    private final ManualClock clock = new ManualClock();
    private final AtomicReference<Users> users = new AtomicReference<>(Users.of(List.of(
            new StoredUser(new User("alice", List.of(Permission.parse("cart:write"))), HASHER.hash("wonderland")),
            new StoredUser(new User("bob", List.of(Permission.ADMIN)), HASHER.hash("builder")))));
    private final TokenIssuer issuer = new TokenIssuer(SECRET, clock);
    private final Authenticator authenticator =
            new Authenticator(users::get, Optional.of(new TokenVerifier(SECRET, clock)));

    @Test
    void rightPasswordGivesTheUserAndItsPermissions() {
        AuthResult result = authenticator.authenticate("alice", "wonderland");

        assertThat(result).isInstanceOfSatisfying(AuthResult.Success.class, success -> {
            assertThat(success.user().username()).isEqualTo("alice");
            assertThat(success.user().canWrite("cart")).isTrue();
            assertThat(success.user().isAdmin()).isFalse();
        });
    }

    @Test
    void wrongPasswordAndUnknownUserFail() {
        assertThat(authenticator.authenticate("alice", "builder"))
                .isEqualTo(new AuthResult.Failure(AuthFailure.WRONG_PASSWORD));
        assertThat(authenticator.authenticate("carol", "wonderland"))
                .isEqualTo(new AuthResult.Failure(AuthFailure.UNKNOWN_USER));
    }

    @Test
    void tokenAuthenticatesItsOwnUser() {
        String secret = "jwt:" + issuer.mint(stored("bob"), Duration.ofHours(1));

        assertThat(authenticator.authenticate("bob", secret))
                .isEqualTo(new AuthResult.Success(new User("bob", List.of(Permission.ADMIN))));
        assertThat(authenticator.authenticate("alice", secret))
                .isEqualTo(new AuthResult.Failure(AuthFailure.TOKEN_FOR_ANOTHER_USER));
    }

    @Test
    void removingAUserRevokesItsTokens() {
        String secret = "jwt:" + issuer.mint(stored("bob"), Duration.ofHours(1));
        users.set(users.get().without("bob"));

        assertThat(authenticator.authenticate("bob", secret))
                .isEqualTo(new AuthResult.Failure(AuthFailure.UNKNOWN_USER));
    }

    @Test
    void tokenOfARemovedUserDoesNotLogInAUserAddedAgainUnderItsName() {
        String secret = "jwt:" + issuer.mint(stored("bob"), Duration.ofHours(1));
        users.set(users.get().without("bob")
                .with(new StoredUser(new User("bob", List.of(Permission.ADMIN)), HASHER.hash("builder"))));

        assertThat(authenticator.authenticate("bob", secret))
                .isEqualTo(new AuthResult.Failure(AuthFailure.TOKEN_REVOKED));
        assertThat(authenticator.authenticate("bob", "jwt:" + issuer.mint(stored("bob"), Duration.ofHours(1))))
                .isInstanceOf(AuthResult.Success.class);
    }

    @Test
    void tokenForAUserThatNeverExistedFails() {
        String secret = "jwt:" + issuer.mint(new StoredUser(new User("mallory", List.of()), HASHER.hash("x")), Duration.ofHours(1));

        assertThat(authenticator.authenticate("mallory", secret))
                .isEqualTo(new AuthResult.Failure(AuthFailure.UNKNOWN_USER));
    }

    @Test
    void expiredTokenFails() {
        String secret = "jwt:" + issuer.mint(stored("bob"), Duration.ofMinutes(5));
        clock.advance(Duration.ofMinutes(6));

        assertThat(authenticator.authenticate("bob", secret))
                .isEqualTo(new AuthResult.Failure(AuthFailure.TOKEN_EXPIRED));
    }

    @Test
    void tokenSignedWithAnotherSecretFails() {
        TokenIssuer forger = new TokenIssuer(TokenSecret.of("x".repeat(32)), clock);

        assertThat(authenticator.authenticate("bob", "jwt:" + forger.mint(stored("bob"), Duration.ofHours(1))))
                .isEqualTo(new AuthResult.Failure(AuthFailure.BAD_TOKEN_SIGNATURE));
    }

    @Test
    void tokensAreRefusedWhenNoSecretIsConfigured() {
        Authenticator withoutTokens = new Authenticator(users::get, Optional.empty());

        assertThat(withoutTokens.authenticate("bob", "jwt:" + issuer.mint(stored("bob"), Duration.ofHours(1))))
                .isEqualTo(new AuthResult.Failure(AuthFailure.TOKENS_DISABLED));
    }

    @Test
    void storedUserNeverPrintsItsHash() {
        StoredUser stored = users.get().find("alice").orElseThrow();

        assertThat(stored.toString()).doesNotContain(stored.passwordHash()).doesNotContain("argon2");
    }

    private StoredUser stored(String username) {
        return users.get().find(username).orElseThrow();
    }
}
