package io.memcluster.coordinator.lifecycle;

import io.memcluster.certs.CertificateFiles;
import io.memcluster.certs.WrittenFile;
import io.memcluster.config.MemclusterConfig;
import io.memcluster.frontend.security.FirstStartUsers;
import io.memcluster.frontend.security.StartException;
import io.memcluster.time.Clock;
import java.io.IOException;
import java.io.PrintStream;
import java.util.List;

/**
 * What a cluster needs before its first process starts: the cluster's certificates in
 * {@code D/certs} (the nodes' server certificate and CA, the coordinator's client certificate),
 * and, with auth on, users.json with a first admin. {@code up} makes them itself because its
 * daemons write to log files: the admin password is printed here, once, to {@code up}'s own
 * standard output, exactly as a node prints it, and never reaches a log.
 */
final class FirstStart {

    private FirstStart() {
    }

    static void prepare(MemclusterConfig config, DataLayout layout, PrintStream console) throws LifecycleException {
        CertificateFiles certs = layout.certificates();
        List<WrittenFile> written;
        try {
            written = CertificateFiles.ensureDefaults(certs.dir(), Clock.system());
        } catch (IOException | RuntimeException e) {
            throw new LifecycleException("cannot create certificates in " + certs.dir() + ": " + e.getMessage(), e);
        }
        if (!written.isEmpty()) {
            console.println("memcluster: created the cluster's CA and certificates for localhost in " + certs.dir()
                    + "; clients trust " + certs.caCertificate());
        }
        if (config.node().auth().enabled()) {
            try {
                FirstStartUsers.load(config.node().auth().usersFile(), console);
            } catch (StartException e) {
                throw new LifecycleException(e.getMessage(), e);
            }
        }
    }
}
