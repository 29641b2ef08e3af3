package io.memcluster.auth;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.MACSigner;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.PlainJWT;
import com.nimbusds.jwt.SignedJWT;
import io.memcluster.time.ManualClock;
import java.time.Duration;
import java.util.Base64;
import java.util.Date;
import java.util.List;
import org.junit.jupiter.api.Test;

class TokenTest {

    private static final TokenSecret SECRET = TokenSecret.of("0123456789abcdef0123456789abcdef");
    private static final TokenSecret OTHER_SECRET = TokenSecret.of("fedcba9876543210fedcba9876543210");

    private static final StoredUser ALICE = new StoredUser(new User("alice", List.of()), "$argon2id$stand-in");

    private final ManualClock clock = new ManualClock();
    private final TokenIssuer issuer = new TokenIssuer(SECRET, clock);
    private final TokenVerifier verifier = new TokenVerifier(SECRET, clock);

    @Test
    void validTokenNamesItsUser() throws Exception {
        String token = issuer.mint(ALICE, Duration.ofHours(1));

        assertThat(verifier.verify(token).username()).isEqualTo("alice");
        assertThat(token).doesNotContain(".."); // signed: header.payload.signature, none empty
    }

    @Test
    void expiresAtTheEndOfItsLifeByTheInjectedClock() throws Exception {
        String token = issuer.mint(ALICE, Duration.ofMinutes(10));

        clock.advance(Duration.ofMinutes(10).minusSeconds(1));
        assertThat(verifier.verify(token).username()).isEqualTo("alice");

        clock.advance(Duration.ofSeconds(1));
        assertThatThrownBy(() -> verifier.verify(token))
                .isInstanceOfSatisfying(InvalidTokenException.class,
                        e -> assertThat(e.reason()).isEqualTo(AuthFailure.TOKEN_EXPIRED));
    }

    @Test
    void tokenSignedWithAnotherSecretIsRefused() {
        String forged = new TokenIssuer(OTHER_SECRET, clock).mint(ALICE, Duration.ofHours(1));

        assertThatThrownBy(() -> verifier.verify(forged))
                .isInstanceOfSatisfying(InvalidTokenException.class,
                        e -> assertThat(e.reason()).isEqualTo(AuthFailure.BAD_TOKEN_SIGNATURE));
    }

    @Test
    void tamperedPayloadIsRefused() {
        String token = issuer.mint(ALICE, Duration.ofHours(1));
        String[] parts = token.split("\\.");
        String payload = new String(Base64.getUrlDecoder().decode(parts[1])).replace("alice", "admin");
        String tampered = parts[0] + "." + Base64.getUrlEncoder().withoutPadding().encodeToString(payload.getBytes())
                + "." + parts[2];

        assertThatThrownBy(() -> verifier.verify(tampered))
                .isInstanceOfSatisfying(InvalidTokenException.class,
                        e -> assertThat(e.reason()).isEqualTo(AuthFailure.BAD_TOKEN_SIGNATURE));
    }

    @Test
    void unsignedTokenIsRefused() {
        String unsigned = new PlainJWT(new JWTClaimsSet.Builder().issuer(TokenIssuer.ISSUER).subject("admin")
                .expirationTime(new Date(clock.millis() + 60_000)).build()).serialize();

        assertThatThrownBy(() -> verifier.verify(unsigned))
                .isInstanceOfSatisfying(InvalidTokenException.class,
                        e -> assertThat(e.reason()).isEqualTo(AuthFailure.MALFORMED_TOKEN));
    }

    @Test
    void tokenWithoutExpiryOrFromAnotherIssuerIsRefused() throws Exception {
        String noExpiry = sign(new JWTClaimsSet.Builder().issuer(TokenIssuer.ISSUER).subject("alice").build());
        String otherIssuer = sign(new JWTClaimsSet.Builder().issuer("someone-else").subject("alice")
                .expirationTime(new Date(clock.millis() + 60_000)).build());

        assertThatThrownBy(() -> verifier.verify(noExpiry)).hasMessage("token has no expiry");
        assertThatThrownBy(() -> verifier.verify(otherIssuer)).hasMessage("token not issued by memcluster");
    }

    @Test
    void tokenWhoseNotBeforeLiesInTheFutureIsRefusedUntilThen() throws Exception {
        String early = sign(new JWTClaimsSet.Builder().issuer(TokenIssuer.ISSUER).subject("alice")
                .claim(TokenIssuer.USER_ID_CLAIM, ALICE.tokenId()).notBeforeTime(new Date(clock.millis() + 60_000))
                .expirationTime(new Date(clock.millis() + 3_600_000)).build());

        assertThatThrownBy(() -> verifier.verify(early))
                .isInstanceOfSatisfying(InvalidTokenException.class,
                        e -> assertThat(e.reason()).isEqualTo(AuthFailure.TOKEN_NOT_YET_VALID));
        clock.advance(Duration.ofSeconds(60));
        assertThat(verifier.verify(early).username()).isEqualTo("alice");
    }

    @Test
    void tokenWithoutAUserIdIsRefused() throws Exception {
        String withoutId = sign(new JWTClaimsSet.Builder().issuer(TokenIssuer.ISSUER).subject("alice")
                .expirationTime(new Date(clock.millis() + 60_000)).build());

        assertThatThrownBy(() -> verifier.verify(withoutId)).hasMessage("token names no user id");
    }

    @Test
    void garbageIsMalformed() {
        assertThatThrownBy(() -> verifier.verify("not-a-token"))
                .isInstanceOfSatisfying(InvalidTokenException.class,
                        e -> assertThat(e.reason()).isEqualTo(AuthFailure.MALFORMED_TOKEN));
    }

    @Test
    void secretShorterThan32BytesIsRefusedWithItsLength() {
        assertThatThrownBy(() -> TokenSecret.of("too-short"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("auth.token_secret is 9 bytes long; it must be at least 32"
                        + " (generate one with: openssl rand -base64 48)");
        assertThatThrownBy(() -> TokenSecret.of("a".repeat(31), "MEMCLUSTER_TOKEN_SECRET"))
                .hasMessageStartingWith("MEMCLUSTER_TOKEN_SECRET is 31 bytes long");
        assertThatThrownBy(() -> TokenSecret.of(null)).hasMessageStartingWith("auth.token_secret is 0 bytes long");
        assertThat(TokenSecret.of("a".repeat(32))).hasToString("TokenSecret[32 bytes]");
    }

    @Test
    void lifetimeMustBePositive() {
        assertThatThrownBy(() -> issuer.mint(ALICE, Duration.ZERO))
                .hasMessageStartingWith("token lifetime must be at least 1 second");
    }

    private static String sign(JWTClaimsSet claims) throws Exception {
        SignedJWT jwt = new SignedJWT(new JWSHeader(JWSAlgorithm.HS256), claims);
        jwt.sign(new MACSigner(SECRET.bytes()));
        return jwt.serialize();
    }
}
