package io.memcluster.auth;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * The key that signs and checks tokens ({@code auth.token_secret}): the UTF-8 bytes of the
 * configured string, at least 32 of them because HS256 is only as strong as a 256-bit key.
 * Every node and the CLI that mints tokens must be given the same secret.
 */
public final class TokenSecret {

    public static final int MIN_BYTES = 32;

    private final byte[] bytes;

    private TokenSecret(byte[] bytes) {
        this.bytes = bytes;
    }

    /**
     * @param source where the value came from, for the message ({@code auth.token_secret},
     *               {@code MEMCLUSTER_TOKEN_SECRET}, ...)
     * @throws IllegalArgumentException naming {@code source}, the length found and the minimum
     */
    public static TokenSecret of(String value, String source) {
        byte[] bytes = value == null ? new byte[0] : value.getBytes(StandardCharsets.UTF_8);
        if (bytes.length < MIN_BYTES) {
            throw new IllegalArgumentException(source + " is " + bytes.length + " bytes long;"
                    + " it must be at least " + MIN_BYTES + " (generate one with: openssl rand -base64 48)");
        }
        return new TokenSecret(bytes);
    }

    public static TokenSecret of(String value) {
        return of(value, "auth.token_secret");
    }

    /** A copy: the signing library may keep what it is given. */
    byte[] bytes() {
        return Arrays.copyOf(bytes, bytes.length);
    }

    @Override
    public String toString() {
        return "TokenSecret[" + bytes.length + " bytes]";
    }
}
