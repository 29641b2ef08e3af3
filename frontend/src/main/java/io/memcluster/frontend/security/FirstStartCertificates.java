package io.memcluster.frontend.security;

import io.memcluster.certs.CertificateFiles;
import io.memcluster.certs.WrittenFile;
import io.memcluster.frontend.FrontendConfig;
import io.memcluster.config.TlsConfig;
import io.memcluster.time.Clock;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A node's or coordinator's certificates on its first start: when TLS uses the default files under
 * {@code <data_dir>/certs} and none are there, a CA, a server certificate for localhost and the
 * coordinator's client certificate are generated, so that a new server is encrypted from its first
 * minute. Files an operator configured elsewhere are never generated: missing, they stop the start.
 */
final class FirstStartCertificates {

    private static final Logger log = LoggerFactory.getLogger(FirstStartCertificates.class);

    private FirstStartCertificates() {
    }

    static void ensure(FrontendConfig config, Clock clock) throws StartException {
        TlsConfig tls = config.tls();
        if (tls.usesDefaultFiles(config.dataDir())) {
            Path dir = TlsConfig.certsDir(config.dataDir());
            List<WrittenFile> written;
            try {
                written = CertificateFiles.ensureDefaults(dir, clock);
            } catch (IOException | RuntimeException e) {
                throw new StartException("cannot create certificates in " + dir + ": " + e.getMessage(), e);
            }
            if (!written.isEmpty()) {
                log.info("no certificates found: generated a CA and a server certificate for localhost in {};"
                        + " clients trust {} (e.g. openssl s_client -connect localhost:{} -CAfile {})",
                        dir, tls.ca(), config.port(), tls.ca());
            }
        }
        requireExists(tls.certificate(), "tls.cert", config.role());
        requireExists(tls.key(), "tls.key", config.role());
        if (tls.clientAuth() != TlsConfig.ClientAuth.NONE) {
            requireExists(tls.ca(), "tls.ca", config.role());
        }
    }

    private static void requireExists(Path file, String key, String role) throws StartException {
        if (!Files.isRegularFile(file)) {
            throw new StartException(key + ": " + file + " does not exist (create it with bin/memcluster certs,"
                    + " or leave " + key + " unset to have the " + role + " generate its own under data_dir/certs)");
        }
    }
}
