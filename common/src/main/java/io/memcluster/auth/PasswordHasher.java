package io.memcluster.auth;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.bouncycastle.crypto.generators.Argon2BytesGenerator;
import org.bouncycastle.crypto.params.Argon2Parameters;

/**
 * Argon2id password hashes in the PHC string form
 * {@code $argon2id$v=19$m=19456,t=2,p=1$<salt>$<hash>} (unpadded standard base64), the form
 * libsodium, the reference {@code argon2} tool and passlib write and read.
 *
 * <p>New hashes use m=19456 KiB, t=2, p=1, 16-byte salt, 32-byte hash: the first of OWASP's
 * recommended Argon2id settings. On a 2-core machine BouncyCastle computes one in about 35-50 ms
 * once warm; p=1 because BouncyCastle runs lanes one after another, so more lanes buy no speed.
 * Each verification allocates its m KiB, so callers should verify on a small bounded pool.
 * Verification reads the parameters from the stored string, so old hashes keep working if
 * the defaults change; parameters far outside sane bounds are refused rather than obeyed.
 */
public final class PasswordHasher {

    public static final int MEMORY_KIB = 19_456;
    public static final int ITERATIONS = 2;
    public static final int PARALLELISM = 1;
    private static final int SALT_BYTES = 16;
    private static final int HASH_BYTES = 32;

    // A stored hash asking for more would let a bad file exhaust the heap or stall logins.
    private static final int MAX_MEMORY_KIB = 1 << 20;
    private static final int MAX_ITERATIONS = 64;
    private static final int MAX_PARALLELISM = 16;

    private static final Pattern PHC = Pattern.compile(
            "\\$argon2id\\$v=19\\$m=(\\d{1,8}),t=(\\d{1,3}),p=(\\d{1,3})"
                    + "\\$([A-Za-z0-9+/]{11,})\\$([A-Za-z0-9+/]{22,})");
    private static final Pattern HASH_LIKE = Pattern.compile("\\$[a-z0-9-]+\\$.*", Pattern.DOTALL);

    private static final Base64.Encoder B64 = Base64.getEncoder().withoutPadding();
    private static final Base64.Decoder B64_DECODER = Base64.getDecoder();

    private final SecureRandom random = new SecureRandom();

    /** A new hash of {@code password} with a fresh random salt. */
    public String hash(String password) {
        if (password.isEmpty()) {
            throw new IllegalArgumentException("password must not be empty");
        }
        byte[] salt = new byte[SALT_BYTES];
        random.nextBytes(salt);
        byte[] hash = argon2id(password, salt, MEMORY_KIB, ITERATIONS, PARALLELISM, HASH_BYTES);
        return "$argon2id$v=19$m=" + MEMORY_KIB + ",t=" + ITERATIONS + ",p=" + PARALLELISM
                + "$" + B64.encodeToString(salt) + "$" + B64.encodeToString(hash);
    }

    /**
     * Whether {@code password} matches {@code encoded}. Compares in constant time; a malformed
     * {@code encoded} simply does not match.
     */
    public boolean verify(String password, String encoded) {
        Phc phc = Phc.parse(encoded);
        if (phc == null) {
            return false;
        }
        byte[] actual = argon2id(password, phc.salt, phc.memoryKib, phc.iterations,
                phc.parallelism, phc.hash.length);
        return MessageDigest.isEqual(actual, phc.hash);
    }

    /**
     * Whether {@code value} is written as a crypt-style hash ({@code $scheme$...}), as opposed to
     * a plaintext password. Such a value is never taken as a password, even if it is not one
     * this class can verify: treating a damaged hash as the password would let anyone who read
     * the file log in with it.
     */
    public static boolean looksHashed(String value) {
        return HASH_LIKE.matcher(value).matches();
    }

    /** Why {@code encoded} cannot be used, or {@code null} when it can. */
    public static String problemWith(String encoded) {
        if (!encoded.startsWith("$argon2id$")) {
            return "unsupported hash scheme (expected $argon2id$v=19$m=...,t=...,p=...$<salt>$<hash>)";
        }
        return Phc.parse(encoded) == null
                ? "malformed or out-of-range argon2id hash (expected $argon2id$v=19$m=...,t=...,p=...$"
                        + "<salt>$<hash>, m <= " + MAX_MEMORY_KIB + ", t <= " + MAX_ITERATIONS
                        + ", p <= " + MAX_PARALLELISM + ")"
                : null;
    }

    private static byte[] argon2id(String password, byte[] salt, int memoryKib, int iterations,
            int parallelism, int length) {
        Argon2Parameters parameters = new Argon2Parameters.Builder(Argon2Parameters.ARGON2_id)
                .withVersion(Argon2Parameters.ARGON2_VERSION_13)
                .withMemoryAsKB(memoryKib)
                .withIterations(iterations)
                .withParallelism(parallelism)
                .withSalt(salt)
                .build();
        Argon2BytesGenerator generator = new Argon2BytesGenerator();
        generator.init(parameters);
        byte[] out = new byte[length];
        generator.generateBytes(password.getBytes(StandardCharsets.UTF_8), out);
        return out;
    }

    private record Phc(int memoryKib, int iterations, int parallelism, byte[] salt, byte[] hash) {

        static Phc parse(String encoded) {
            Matcher m = PHC.matcher(encoded);
            if (!m.matches()) {
                return null;
            }
            int memory = Integer.parseInt(m.group(1));
            int iterations = Integer.parseInt(m.group(2));
            int parallelism = Integer.parseInt(m.group(3));
            if (parallelism < 1 || parallelism > MAX_PARALLELISM || iterations < 1
                    || iterations > MAX_ITERATIONS || memory < 8 * parallelism
                    || memory > MAX_MEMORY_KIB) {
                return null;
            }
            try {
                return new Phc(memory, iterations, parallelism, B64_DECODER.decode(m.group(4)),
                        B64_DECODER.decode(m.group(5)));
            } catch (IllegalArgumentException badBase64) {
                return null;
            }
        }
    }
}
