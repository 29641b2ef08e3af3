package io.memcluster.auth;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.MACSigner;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import io.memcluster.time.Clock;
import java.time.Duration;
import java.util.Date;

/**
 * Mints signed tokens (HS256 JWT): {@code sub} is the username, {@value #USER_ID_CLAIM} the
 * user's {@link StoredUser#tokenId() token id}, {@code iss} is {@value #ISSUER}, {@code iat}
 * and {@code exp} bound its life. A client presents one as the
 * password {@code jwt:<token>}; {@link TokenVerifier} checks it.
 */
public final class TokenIssuer {

    /** Tells our tokens from other JWTs that might share the secret. */
    public static final String ISSUER = "memcluster";
    /** The claim that ties a token to one user, not merely to a username. */
    public static final String USER_ID_CLAIM = "uid";

    private final MACSigner signer;
    private final Clock clock;

    public TokenIssuer(TokenSecret secret, Clock clock) {
        try {
            this.signer = new MACSigner(secret.bytes());
        } catch (JOSEException e) {
            throw new IllegalArgumentException("token secret rejected: " + e.getMessage(), e);
        }
        this.clock = clock;
    }

    /** A token for {@code user} valid for {@code ttl} from now (whole seconds, as JWT has). */
    public String mint(StoredUser user, Duration ttl) {
        if (ttl.toSeconds() < 1) {
            throw new IllegalArgumentException("token lifetime must be at least 1 second, got " + ttl);
        }
        long now = clock.millis();
        JWTClaimsSet claims = new JWTClaimsSet.Builder()
                .issuer(ISSUER)
                .subject(user.username())
                .claim(USER_ID_CLAIM, user.tokenId())
                .issueTime(new Date(now))
                .expirationTime(new Date(now + ttl.toSeconds() * 1000))
                .build();
        SignedJWT jwt = new SignedJWT(new JWSHeader(JWSAlgorithm.HS256), claims);
        try {
            jwt.sign(signer);
        } catch (JOSEException e) {
            throw new IllegalStateException("cannot sign a token: " + e.getMessage(), e);
        }
        return jwt.serialize();
    }
}
