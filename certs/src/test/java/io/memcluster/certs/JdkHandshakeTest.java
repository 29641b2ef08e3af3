package io.memcluster.certs;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.memcluster.time.Clock;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLException;
import javax.net.ssl.SSLHandshakeException;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.SSLServerSocket;
import javax.net.ssl.SSLSocket;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Real TLS handshakes over loopback sockets with the JDK's TLS stack and the files as
 * written, so a certificate that looks right but that TLS refuses (a missing key usage, an
 * address stored as a DNS name) fails here.
 */
class JdkHandshakeTest {

    private static final int TIMEOUT_MILLIS = 10_000;

    @TempDir
    static Path temp;

    static CertificateFiles ours;
    static CertificateFiles foreign;

    private final ExecutorService serverThread = Executors.newSingleThreadExecutor();

    @BeforeAll
    static void generate() throws Exception {
        // The real clock: the TLS stacks check validity against the time of day.
        ours = new CertificateFiles(temp.resolve("ours"), Clock.system());
        ours.generate(List.of(), 3650, 825, false);
        foreign = new CertificateFiles(temp.resolve("foreign"), Clock.system());
        foreign.generate(List.of(), 3650, 825, false);
    }

    @AfterEach
    void stopServer() {
        serverThread.shutdownNow();
    }

    @ParameterizedTest
    @CsvSource({"TLSv1.2, localhost", "TLSv1.2, 127.0.0.1", "TLSv1.3, localhost", "TLSv1.3, 127.0.0.1"})
    void clientTrustingTheCaAcceptsTheServer(String protocol, String host) throws Exception {
        try (SSLServerSocket server = listen(ours.serverCertificate(), ours.serverKey(), false)) {
            Future<String> served = serveOneLine(server);
            SSLContext client = JdkTlsContexts.context(null, null, ours.caCertificate());

            try (SSLSocket socket = connect(client, host, server.getLocalPort(), protocol)) {
                assertThat(exchange(socket, "ping")).isEqualTo("echo ping");
                assertThat(socket.getSession().getProtocol()).isEqualTo(protocol);
                assertThat(socket.getSession().getPeerCertificates()[0])
                        .isEqualTo(Pem.readCertificate(ours.serverCertificate()));
            }
            assertThat(served.get(TIMEOUT_MILLIS, TimeUnit.MILLISECONDS)).isEqualTo("anonymous");
        }
    }

    @Test
    void clientRefusesAServerNameTheCertificateDoesNotCover() throws Exception {
        try (SSLServerSocket server = listen(ours.serverCertificate(), ours.serverKey(), false)) {
            serveOneLine(server);
            SSLContext client = JdkTlsContexts.context(null, null, ours.caCertificate());

            assertThatThrownBy(() -> connect(client, "cache.example.com", server.getLocalPort(),
                    "TLSv1.3").startHandshake())
                    .isInstanceOf(SSLHandshakeException.class)
                    .hasMessageContaining("cache.example.com");
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"TLSv1.2", "TLSv1.3"})
    void mutualTlsIdentifiesTheCoordinator(String protocol) throws Exception {
        try (SSLServerSocket server = listen(ours.serverCertificate(), ours.serverKey(), true)) {
            Future<String> served = serveOneLine(server);
            SSLContext client = JdkTlsContexts.context(
                    ours.clientCertificate(), ours.clientKey(), ours.caCertificate());

            try (SSLSocket socket = connect(client, "localhost", server.getLocalPort(), protocol)) {
                assertThat(exchange(socket, "hello")).isEqualTo("echo hello");
            }
            assertThat(served.get(TIMEOUT_MILLIS, TimeUnit.MILLISECONDS)).isEqualTo("CN=coordinator");
        }
    }

    @Test
    void clientRefusesAServerFromAnotherCa() throws Exception {
        try (SSLServerSocket server = listen(foreign.serverCertificate(), foreign.serverKey(), false)) {
            serveOneLine(server);
            SSLContext client = JdkTlsContexts.context(null, null, ours.caCertificate());

            assertThatThrownBy(() -> connect(client, "localhost", server.getLocalPort(), "TLSv1.3")
                    .startHandshake())
                    .isInstanceOf(SSLHandshakeException.class);
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"TLSv1.2", "TLSv1.3"})
    void serverRefusesAClientCertificateFromAnotherCa(String protocol) throws Exception {
        try (SSLServerSocket server = listen(ours.serverCertificate(), ours.serverKey(), true)) {
            Future<String> served = serveOneLine(server);
            SSLContext client = JdkTlsContexts.context(
                    foreign.clientCertificate(), foreign.clientKey(), ours.caCertificate());

            // With TLS 1.3 the client may finish its side before the server has judged its
            // certificate, so the refusal can reach it only on the first read; with TLS 1.2 it
            // may see the server's close as a broken pipe. The server's verdict is what counts.
            assertThatThrownBy(() -> {
                try (SSLSocket socket = connect(client, "localhost", server.getLocalPort(), protocol)) {
                    exchange(socket, "let me in");
                }
            }).isInstanceOf(IOException.class);
            assertThatThrownBy(() -> served.get(TIMEOUT_MILLIS, TimeUnit.MILLISECONDS))
                    .isInstanceOf(ExecutionException.class)
                    .hasCauseInstanceOf(SSLHandshakeException.class);
        }
    }

    @Test
    void serverRequiringClientCertificatesRefusesAClientWithout() throws Exception {
        try (SSLServerSocket server = listen(ours.serverCertificate(), ours.serverKey(), true)) {
            Future<String> served = serveOneLine(server);
            SSLContext client = JdkTlsContexts.context(null, null, ours.caCertificate());

            assertThatThrownBy(() -> {
                try (SSLSocket socket = connect(client, "localhost", server.getLocalPort(), "TLSv1.3")) {
                    exchange(socket, "let me in");
                }
            }).isInstanceOf(IOException.class);
            assertThatThrownBy(() -> served.get(TIMEOUT_MILLIS, TimeUnit.MILLISECONDS))
                    .hasCauseInstanceOf(SSLHandshakeException.class);
        }
    }

    private static SSLServerSocket listen(Path certificate, Path key, boolean needClientAuth)
            throws Exception {
        SSLContext context = JdkTlsContexts.context(certificate, key, ours.caCertificate());
        SSLServerSocket server = (SSLServerSocket) context.getServerSocketFactory()
                .createServerSocket(0, 1, InetAddress.getLoopbackAddress());
        server.setNeedClientAuth(needClientAuth);
        server.setSoTimeout(TIMEOUT_MILLIS);
        return server;
    }

    /** Accepts one connection, answers one line and returns the client's subject. */
    private Future<String> serveOneLine(SSLServerSocket server) {
        return serverThread.submit(() -> {
            try (SSLSocket socket = (SSLSocket) server.accept()) {
                socket.setSoTimeout(TIMEOUT_MILLIS);
                socket.startHandshake();
                BufferedReader in = new BufferedReader(
                        new InputStreamReader(socket.getInputStream(), StandardCharsets.US_ASCII));
                Writer out = new OutputStreamWriter(socket.getOutputStream(), StandardCharsets.US_ASCII);
                out.write("echo " + in.readLine() + "\n");
                out.flush();
                return server.getNeedClientAuth()
                        ? socket.getSession().getPeerPrincipal().getName()
                        : "anonymous";
            }
        });
    }

    /**
     * Connects over loopback but tells TLS the server is {@code host}, so the certificate is
     * checked against that name or address exactly as a client configured with it would.
     */
    private static SSLSocket connect(SSLContext context, String host, int port, String protocol)
            throws Exception {
        Socket plain = new Socket();
        plain.connect(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), TIMEOUT_MILLIS);
        plain.setSoTimeout(TIMEOUT_MILLIS);
        SSLSocket socket = (SSLSocket) context.getSocketFactory().createSocket(plain, host, port, true);
        SSLParameters parameters = socket.getSSLParameters();
        parameters.setProtocols(new String[] {protocol});
        parameters.setEndpointIdentificationAlgorithm("HTTPS");
        socket.setSSLParameters(parameters);
        return socket;
    }

    private static String exchange(SSLSocket socket, String line) throws Exception {
        Writer out = new OutputStreamWriter(socket.getOutputStream(), StandardCharsets.US_ASCII);
        out.write(line + "\n");
        out.flush();
        BufferedReader in = new BufferedReader(
                new InputStreamReader(socket.getInputStream(), StandardCharsets.US_ASCII));
        String answer = in.readLine();
        if (answer == null) {
            throw new SSLException("connection closed without an answer");
        }
        return answer;
    }
}
