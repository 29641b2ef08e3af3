package io.memcluster.certs;

import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PublicKey;
import java.security.SecureRandom;
import java.security.spec.ECGenParameterSpec;

/**
 * The key types the CA makes. Both are accepted by the JDK's TLS stack and by BoringSSL on
 * every TLS version we serve (1.2 and 1.3); EC is the default because its keys and handshakes
 * are much cheaper.
 */
public enum KeyAlgorithm {

    /** ECDSA on NIST P-256 (secp256r1), signed with SHA256withECDSA. */
    EC_P256("EC", "SHA256withECDSA"),

    /** RSA with a 2048-bit modulus, signed with SHA256withRSA. */
    RSA_2048("RSA", "SHA256withRSA");

    private final String keyType;
    private final String signatureAlgorithm;

    KeyAlgorithm(String keyType, String signatureAlgorithm) {
        this.keyType = keyType;
        this.signatureAlgorithm = signatureAlgorithm;
    }

    /** The JCA name of the signature a CA with this kind of key signs certificates with. */
    public String signatureAlgorithm() {
        return signatureAlgorithm;
    }

    /** A fresh key pair, from the JDK's own providers so no global provider is installed. */
    public KeyPair newKeyPair(SecureRandom random) {
        try {
            KeyPairGenerator generator = KeyPairGenerator.getInstance(keyType);
            switch (this) {
                case EC_P256 -> generator.initialize(new ECGenParameterSpec("secp256r1"), random);
                case RSA_2048 -> generator.initialize(2048, random);
            }
            return generator.generateKeyPair();
        } catch (GeneralSecurityException e) {
            // Both algorithms are mandatory in every Java SE 17 runtime.
            throw new IllegalStateException("this JDK cannot make " + this + " keys", e);
        }
    }

    /**
     * The kind of key a loaded CA has, so its certificates are signed with a matching signature
     * and its leaves get the same kind of key. An EC key on another curve is treated as EC.
     */
    public static KeyAlgorithm of(PublicKey key) {
        return switch (key.getAlgorithm()) {
            case "EC" -> EC_P256;
            case "RSA" -> RSA_2048;
            default -> throw new IllegalArgumentException(
                    "unsupported key algorithm " + key.getAlgorithm() + " (expected: EC or RSA)");
        };
    }
}
