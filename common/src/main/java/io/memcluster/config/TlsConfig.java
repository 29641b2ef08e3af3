package io.memcluster.config;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;

/**
 * The {@code tls} section: whether the main listener speaks TLS, the PEM files it uses, and
 * whether it asks clients for a certificate.
 *
 * @param enabled     TLS on the main port; false makes it plaintext (for tests and for a node
 *                    behind a TLS-terminating proxy on the same machine)
 * @param certificate the server certificate (chain), PEM
 * @param key         its private key, PEM
 * @param ca          the cluster CA that client certificates must be signed by, PEM
 * @param clientAuth  whether a client certificate is asked for, and whether it is required
 */
public record TlsConfig(boolean enabled, Path certificate, Path key, Path ca, ClientAuth clientAuth) {

    /** What a node asks of a client's certificate during the handshake. */
    public enum ClientAuth {
        /** Not asked for: clients log in with a password or a token. */
        NONE,
        /** Asked for; a client without one may still connect and log in otherwise. */
        OPTIONAL,
        /** Required, and signed by the cluster CA: mutual TLS, as between coordinator and nodes. */
        REQUIRE;

        static final String VALID = "none, optional or require";

        /** The word written in config.yaml. */
        public String word() {
            return name().toLowerCase(Locale.ROOT);
        }

        /** @return null for anything but the three words */
        static ClientAuth parse(String word) {
            for (ClientAuth mode : values()) {
                if (mode.word().equals(word.strip())) {
                    return mode;
                }
            }
            return null;
        }
    }

    public TlsConfig {
        Objects.requireNonNull(certificate, "certificate");
        Objects.requireNonNull(key, "key");
        Objects.requireNonNull(ca, "ca");
        Objects.requireNonNull(clientAuth, "clientAuth");
    }

    /** The default folder for certificates: where the node generates them on its first start. */
    public static Path certsDir(Path dataDir) {
        return dataDir.resolve("certs");
    }

    /** TLS on, with the files a node generates in {@code <dataDir>/certs}, no client certificates. */
    public static TlsConfig defaults(Path dataDir) {
        Path dir = certsDir(dataDir);
        return new TlsConfig(true, dir.resolve("server.crt"), dir.resolve("server.key"), dir.resolve("ca.crt"),
                ClientAuth.NONE);
    }

    /** Whether all three files are where the node would generate them. */
    public boolean usesDefaultFiles(Path dataDir) {
        TlsConfig defaults = defaults(dataDir);
        return certificate.equals(defaults.certificate) && key.equals(defaults.key) && ca.equals(defaults.ca);
    }

    /** A copy with TLS turned off: the main port is plaintext. */
    public TlsConfig disabled() {
        return new TlsConfig(false, certificate, key, ca, clientAuth);
    }

    public TlsConfig withClientAuth(ClientAuth mode) {
        return new TlsConfig(enabled, certificate, key, ca, mode);
    }

    /** A copy using the given files. */
    public TlsConfig withFiles(Path certificate, Path key, Path ca) {
        return new TlsConfig(enabled, certificate, key, ca, clientAuth);
    }

    static List<ConfigProblem> check(Path certificate, Path key, Path ca) {
        List<ConfigProblem> problems = new ArrayList<>();
        blank(problems, "tls.cert", certificate, "server.crt");
        blank(problems, "tls.key", key, "server.key");
        blank(problems, "tls.ca", ca, "ca.crt");
        return problems;
    }

    private static void blank(List<ConfigProblem> problems, String path, Path value, String example) {
        if (value.toString().isBlank()) {
            problems.add(new ConfigProblem(path, null, "is empty (expected a PEM file, e.g. data/certs/" + example + ")"));
        }
    }
}
