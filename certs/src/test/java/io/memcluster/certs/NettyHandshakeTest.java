package io.memcluster.certs;

import static org.assertj.core.api.Assertions.assertThat;

import io.memcluster.time.Clock;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import io.netty.channel.embedded.EmbeddedChannel;
import io.netty.handler.ssl.ClientAuth;
import io.netty.handler.ssl.OpenSsl;
import io.netty.handler.ssl.SslContext;
import io.netty.handler.ssl.SslContextBuilder;
import io.netty.handler.ssl.SslHandler;
import io.netty.handler.ssl.SslProvider;
import io.netty.util.ReferenceCountUtil;
import java.nio.file.Path;
import java.util.List;
import javax.net.ssl.SSLHandshakeException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Handshakes through Netty's SslHandler with the files loaded the way the node loads them
 * ({@link SslContextBuilder} reading the PEM files itself), with BoringSSL and with the JDK
 * provider on either side. The two ends are in-memory channels whose bytes are passed across
 * by hand, so the test is deterministic and needs no event loop.
 */
class NettyHandshakeTest {

    @TempDir
    static Path temp;

    static CertificateFiles ours;
    static CertificateFiles foreign;

    private SslContext serverContext;
    private SslContext clientContext;

    @BeforeAll
    static void generate() throws Exception {
        assertThat(OpenSsl.isAvailable())
                .as("BoringSSL from netty-tcnative should load here: %s", OpenSsl.unavailabilityCause())
                .isTrue();
        ours = new CertificateFiles(temp.resolve("ours"), Clock.system());
        ours.generate(List.of(), 3650, 825, false);
        foreign = new CertificateFiles(temp.resolve("foreign"), Clock.system());
        foreign.generate(List.of(), 3650, 825, false);
    }

    @AfterEach
    void release() {
        ReferenceCountUtil.release(serverContext);
        ReferenceCountUtil.release(clientContext);
    }

    @ParameterizedTest(name = "server {0}, client {1}, {2}")
    @CsvSource({
        "OPENSSL, OPENSSL, TLSv1.2", "OPENSSL, OPENSSL, TLSv1.3",
        "OPENSSL, JDK, TLSv1.2", "OPENSSL, JDK, TLSv1.3",
        "JDK, OPENSSL, TLSv1.2", "JDK, OPENSSL, TLSv1.3",
        "JDK, JDK, TLSv1.2", "JDK, JDK, TLSv1.3"})
    void mutualTlsWithTheGeneratedFiles(SslProvider server, SslProvider client, String protocol)
            throws Exception {
        serverContext = serverContext(server, protocol, ours.serverCertificate(), ours.serverKey());
        clientContext = clientContext(client, protocol, ours.clientCertificate(), ours.clientKey());

        Handshake handshake = Handshake.run(serverContext, clientContext, "localhost");

        assertThat(handshake.clientError()).isNull();
        assertThat(handshake.serverError()).isNull();
        assertThat(handshake.server().engine().getSession().getProtocol()).isEqualTo(protocol);
        assertThat(handshake.server().engine().getSession().getPeerPrincipal().getName())
                .isEqualTo("CN=coordinator");
        assertThat(handshake.client().engine().getSession().getPeerPrincipal().getName())
                .isEqualTo("CN=localhost");
    }

    @Test
    void boringSslClientRefusesAServerFromAnotherCa() throws Exception {
        serverContext = serverContext(SslProvider.OPENSSL, "TLSv1.3",
                foreign.serverCertificate(), foreign.serverKey());
        clientContext = clientContext(SslProvider.OPENSSL, "TLSv1.3",
                ours.clientCertificate(), ours.clientKey());

        Handshake handshake = Handshake.run(serverContext, clientContext, "localhost");

        assertThat(handshake.clientError()).isInstanceOf(SSLHandshakeException.class);
    }

    @Test
    void boringSslServerRefusesAClientFromAnotherCa() throws Exception {
        serverContext = serverContext(SslProvider.OPENSSL, "TLSv1.3",
                ours.serverCertificate(), ours.serverKey());
        clientContext = clientContext(SslProvider.OPENSSL, "TLSv1.3",
                foreign.clientCertificate(), foreign.clientKey());

        Handshake handshake = Handshake.run(serverContext, clientContext, "localhost");

        assertThat(handshake.serverError()).isInstanceOf(SSLHandshakeException.class);
    }

    @Test
    void boringSslClientChecksTheHostName() throws Exception {
        serverContext = serverContext(SslProvider.OPENSSL, "TLSv1.3",
                ours.serverCertificate(), ours.serverKey());
        clientContext = clientContext(SslProvider.OPENSSL, "TLSv1.3",
                ours.clientCertificate(), ours.clientKey());

        assertThat(Handshake.run(serverContext, clientContext, "127.0.0.1").clientError()).isNull();
        assertThat(Handshake.run(serverContext, clientContext, "node9.example.com").clientError())
                .isInstanceOf(SSLHandshakeException.class);
    }

    private static SslContext serverContext(SslProvider provider, String protocol, Path certificate,
                                            Path key) throws Exception {
        return SslContextBuilder.forServer(certificate.toFile(), key.toFile())
                .sslProvider(provider)
                .protocols(protocol)
                .trustManager(ours.caCertificate().toFile())
                .clientAuth(ClientAuth.REQUIRE)
                .build();
    }

    private static SslContext clientContext(SslProvider provider, String protocol, Path certificate,
                                            Path key) throws Exception {
        return SslContextBuilder.forClient()
                .sslProvider(provider)
                .protocols(protocol)
                .trustManager(ours.caCertificate().toFile())
                .keyManager(certificate.toFile(), key.toFile())
                .endpointIdentificationAlgorithm("HTTPS")
                .build();
    }

    /** Two SslHandlers on in-memory channels, with each one's output fed to the other. */
    private record Handshake(SslHandler server, SslHandler client,
                             Throwable serverError, Throwable clientError) {

        static Handshake run(SslContext serverContext, SslContext clientContext, String host) {
            SslHandler server = serverContext.newHandler(ByteBufAllocator.DEFAULT);
            SslHandler client = clientContext.newHandler(ByteBufAllocator.DEFAULT, host, 11211);
            EmbeddedChannel serverChannel = new EmbeddedChannel(server);
            EmbeddedChannel clientChannel = new EmbeddedChannel(client);
            try {
                // A TLS 1.2 handshake takes two round trips; a few more cover alerts and tickets.
                for (int round = 0; round < 10 && !(done(server) && done(client)); round++) {
                    pass(clientChannel, serverChannel);
                    pass(serverChannel, clientChannel);
                }
                assertThat(done(server) && done(client))
                        .as("both handshakes should have finished, one way or the other").isTrue();
                return new Handshake(server, client, server.handshakeFuture().cause(),
                        client.handshakeFuture().cause());
            } finally {
                serverChannel.finishAndReleaseAll();
                clientChannel.finishAndReleaseAll();
            }
        }

        private static boolean done(SslHandler handler) {
            return handler.handshakeFuture().isDone();
        }

        private static void pass(EmbeddedChannel from, EmbeddedChannel to) {
            from.runPendingTasks();
            for (ByteBuf bytes = from.readOutbound(); bytes != null; bytes = from.readOutbound()) {
                if (!to.isOpen()) {
                    // The receiver refused the handshake and closed; what it missed is moot.
                    bytes.release();
                    continue;
                }
                try {
                    to.writeInbound(bytes);
                } catch (Exception e) {
                    // A refused handshake also surfaces as a pipeline exception; its cause is in
                    // the handshake future, which is what the tests look at.
                }
            }
            to.runPendingTasks();
        }
    }
}
