package io.memcluster.auth;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.crypto.MACVerifier;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import io.memcluster.time.Clock;
import java.text.ParseException;
import java.util.Date;

/**
 * Checks tokens minted by {@link TokenIssuer}: HS256 only (a token may not choose a weaker
 * algorithm), a valid signature, our issuer, a username in {@code sub}, a user id, an
 * {@code nbf} (when present) not after now and an {@code exp} after now by the injected clock,
 * with no grace period. Whether that user still exists, with that id, is the
 * {@link Authenticator}'s check, against the current users.
 */
public final class TokenVerifier {

    private final MACVerifier verifier;
    private final Clock clock;

    public TokenVerifier(TokenSecret secret, Clock clock) {
        try {
            this.verifier = new MACVerifier(secret.bytes());
        } catch (JOSEException e) {
            throw new IllegalArgumentException("token secret rejected: " + e.getMessage(), e);
        }
        this.clock = clock;
    }

    /** What a valid token says: the user it was minted for. */
    public record VerifiedToken(String username, String userId) {
    }

    public VerifiedToken verify(String token) throws InvalidTokenException {
        SignedJWT jwt;
        JWTClaimsSet claims;
        try {
            jwt = SignedJWT.parse(token);
            claims = jwt.getJWTClaimsSet();
        } catch (ParseException e) {
            throw new InvalidTokenException(AuthFailure.MALFORMED_TOKEN, "not a signed JWT");
        }
        if (!JWSAlgorithm.HS256.equals(jwt.getHeader().getAlgorithm())) {
            throw new InvalidTokenException(AuthFailure.MALFORMED_TOKEN,
                    "token algorithm is " + jwt.getHeader().getAlgorithm() + ", expected HS256");
        }
        try {
            if (!jwt.verify(verifier)) {
                throw new InvalidTokenException(AuthFailure.BAD_TOKEN_SIGNATURE, "bad token signature");
            }
        } catch (JOSEException e) {
            throw new InvalidTokenException(AuthFailure.BAD_TOKEN_SIGNATURE, "token signature cannot be checked");
        }
        if (!TokenIssuer.ISSUER.equals(claims.getIssuer())) {
            throw new InvalidTokenException(AuthFailure.MALFORMED_TOKEN, "token not issued by memcluster");
        }
        String username = claims.getSubject();
        if (username == null || !Usernames.isValid(username)) {
            throw new InvalidTokenException(AuthFailure.MALFORMED_TOKEN, "token names no valid user");
        }
        Date expires = claims.getExpirationTime();
        if (expires == null) {
            throw new InvalidTokenException(AuthFailure.MALFORMED_TOKEN, "token has no expiry");
        }
        if (clock.millis() >= expires.getTime()) {
            throw new InvalidTokenException(AuthFailure.TOKEN_EXPIRED, "token expired at " + expires.toInstant());
        }
        Object userId = claims.getClaim(TokenIssuer.USER_ID_CLAIM);
        if (!(userId instanceof String id) || id.isEmpty()) {
            // tokens minted before user ids existed are refused too: they could outlive their user
            throw new InvalidTokenException(AuthFailure.MALFORMED_TOKEN, "token names no user id");
        }
        Date notBefore = claims.getNotBeforeTime();
        if (notBefore != null && clock.millis() < notBefore.getTime()) {
            throw new InvalidTokenException(AuthFailure.TOKEN_NOT_YET_VALID,
                    "token not valid before " + notBefore.toInstant());
        }
        return new VerifiedToken(username, id);
    }
}
