package io.memcluster.client;

import io.memcluster.certs.CertificateFiles;
import io.memcluster.time.Clock;
import io.netty.handler.ssl.SslContext;
import io.netty.handler.ssl.SslContextBuilder;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;

/** A cluster CA with a server certificate for the loopback names, made as an operator makes them. */
final class TestCertificates {

    private TestCertificates() {
    }

    static CertificateFiles generate(Path dir) throws IOException {
        CertificateFiles files = new CertificateFiles(dir, Clock.system());
        files.generate(List.of(), 3650, 825, false);
        return files;
    }

    static SslContext server(CertificateFiles files) throws IOException {
        return SslContextBuilder.forServer(files.serverCertificate().toFile(), files.serverKey().toFile())
                .protocols("TLSv1.3", "TLSv1.2")
                .build();
    }
}
