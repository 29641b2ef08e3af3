package io.memcluster.client.connection;

import io.memcluster.client.tls.ClientTls;
import io.memcluster.protocol.Command;
import io.memcluster.protocol.CommandEncoder;
import io.memcluster.protocol.ErrorKind;
import io.memcluster.protocol.Reply;
import io.memcluster.protocol.ReplyDecoder;
import io.memcluster.protocol.ReplyStatus;
import io.memcluster.protocol.StorageVerb;
import io.netty.bootstrap.Bootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.nio.NioIoHandler;
import io.netty.channel.socket.SocketChannel;
import io.netty.channel.socket.nio.NioSocketChannel;
import io.netty.handler.ssl.SslContext;
import io.netty.handler.ssl.SslHandler;
import io.netty.util.ReferenceCountUtil;
import io.netty.util.concurrent.DefaultThreadFactory;
import io.netty.util.concurrent.Future;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * Opens logged-in {@link Connection}s to one server, as often as needed (a shell reconnects
 * after a lost connection). Owns the event loop its connections run on.
 *
 * <p>The login is memcached's text-protocol convention: a {@code set} of any key whose data is
 * {@code <username> <password>}, answered {@code STORED}. Because a server without logins
 * would simply store that data, readable by anyone, the connector first asks {@code version}:
 * only a server that answers {@code CLIENT_ERROR unauthenticated} gets the password.
 */
public final class Connector implements AutoCloseable {

    /** The key of the login set; a server that takes logins ignores it and stores nothing. */
    static final byte[] LOGIN_KEY = "memcluster-login".getBytes(StandardCharsets.US_ASCII);

    private static final int CONNECT_TIMEOUT_MILLIS = 10_000;
    private static final CommandEncoder ENCODER = new CommandEncoder();

    private final ServerAddress address;
    private final Path certFile;
    private final Path keyFile;
    private final Credentials credentials;
    private final EventLoopGroup group;
    private SslContext ssl;

    /**
     * @param certFile    a client certificate for servers that require one (mutual TLS), or null
     * @param keyFile     its private key, or null
     * @param credentials who to log in as, or null to connect without a login
     */
    public Connector(ServerAddress address, Path certFile, Path keyFile, Credentials credentials) {
        this.address = address;
        this.certFile = certFile;
        this.keyFile = keyFile;
        this.credentials = credentials;
        // Daemon threads: a command that ends with an error must not be kept alive by them.
        this.group = new MultiThreadIoEventLoopGroup(1, new DefaultThreadFactory("memcluster-cli", true),
                NioIoHandler.newFactory());
    }

    public ServerAddress address() {
        return address;
    }

    /** The user this connector logs in as. */
    public Optional<String> username() {
        return credentials == null ? Optional.empty() : Optional.of(credentials.username());
    }

    /**
     * Connects, completes the TLS handshake and logs in.
     *
     * @throws LoginRefusedException if the server refused the username and password, or wants
     *                               a login and none was given
     * @throws ConnectionException   for anything else that went wrong; nothing is left open
     */
    public Connection connect() {
        Connection connection = open();
        try {
            login(connection);
            return connection;
        } catch (RuntimeException e) {
            connection.close();
            throw e;
        }
    }

    private Connection open() {
        SslContext context = address.tls() ? sslContext() : null;
        ReplyQueue replies = new ReplyQueue();
        Bootstrap bootstrap = new Bootstrap()
                .group(group)
                .channel(NioSocketChannel.class)
                .option(ChannelOption.CONNECT_TIMEOUT_MILLIS, CONNECT_TIMEOUT_MILLIS)
                .option(ChannelOption.TCP_NODELAY, true)
                .handler(new ChannelInitializer<SocketChannel>() {
                    @Override
                    protected void initChannel(SocketChannel channel) {
                        if (context != null) {
                            // host and port let the engine check the certificate's names
                            SslHandler tls = context.newHandler(channel.alloc(), address.host(), address.port());
                            tls.setHandshakeTimeoutMillis(address.replyTimeout().toMillis());
                            channel.pipeline().addLast("tls", tls);
                        }
                        channel.pipeline().addLast("replies", new ReplyDecoder());
                        channel.pipeline().addLast("requests", ENCODER);
                        channel.pipeline().addLast("queue", replies);
                    }
                });
        ChannelFuture connected = bootstrap.connect(address.host(), address.port()).awaitUninterruptibly();
        if (!connected.isSuccess()) {
            throw new ConnectionException("cannot connect to " + address.hostAndPort() + ": "
                    + Failures.describe(connected.cause()), connected.cause());
        }
        Channel channel = connected.channel();
        if (context != null) {
            Future<Channel> handshake = channel.pipeline().get(SslHandler.class).handshakeFuture();
            handshake.awaitUninterruptibly(address.replyTimeout().toMillis() + 1000, TimeUnit.MILLISECONDS);
            if (!handshake.isSuccess()) {
                channel.close().awaitUninterruptibly();
                Throwable cause = handshake.cause() != null ? handshake.cause() : replies.failure();
                throw new ConnectionException("TLS handshake with " + address.hostAndPort() + " failed: "
                        + (cause == null ? "no answer" : Failures.describeHandshake(cause, address)), cause);
            }
        }
        return new Connection(channel, replies, address);
    }

    private void login(Connection connection) {
        Reply probe;
        try {
            probe = connection.request(new Command.Version());
        } catch (ConnectionException e) {
            if (address.tls()) {
                throw e;
            }
            // a TLS listener drops a client that starts in plaintext
            throw new ConnectionException(e.getMessage() + " (is it a TLS port? then leave out --plain)", e);
        }
        if (!isUnauthenticated(probe)) {
            // The server answers without a login (plain memcached, a node without auth, or a
            // client certificate that already named a user): the password stays here.
            return;
        }
        if (credentials == null) {
            throw new LoginRefusedException("the server at " + address.hostAndPort()
                    + " requires a login: give --username (and the password)");
        }
        byte[] data = credentials.loginData();
        Reply reply;
        try {
            reply = connection.request(new Command.Storage(StorageVerb.SET, LOGIN_KEY, 0, 0, data, 0, false));
        } finally {
            Arrays.fill(data, (byte) 0);
        }
        if (reply instanceof Reply.Status status && status.status() == ReplyStatus.STORED) {
            return;
        }
        if (reply instanceof Reply.Error error && error.kind() == ErrorKind.CLIENT_ERROR
                && error.message().startsWith("authentication failure")) {
            String detail = error.message().substring("authentication failure".length()).replaceFirst("^[: ]+", "");
            credentials.forgetPassword();
            throw new LoginRefusedException("login refused for user '" + credentials.username() + "'"
                    + (detail.isEmpty() ? ": wrong username or password" : ": " + detail));
        }
        throw new LoginRefusedException("login as '" + credentials.username() + "' failed: the server answered "
                + Replies.describe(reply));
    }

    private static boolean isUnauthenticated(Reply reply) {
        return reply instanceof Reply.Error error && error.kind() == ErrorKind.CLIENT_ERROR
                && error.message().startsWith("unauthenticated");
    }

    private SslContext sslContext() {
        if (ssl == null) {
            requireReadable(address.caFile(), "CA file", "give the cluster's CA with --ca FILE, or use --plain for a"
                    + " plaintext port");
            if (certFile != null) {
                requireReadable(certFile, "client certificate", "check --cert");
                requireReadable(keyFile, "client key", "check --key");
            }
            try {
                ssl = ClientTls.context(address.caFile(), certFile, keyFile);
            } catch (Exception e) {
                throw new ConnectionException("cannot use the TLS files (" + address.caFile()
                        + (certFile == null ? "" : ", " + certFile + ", " + keyFile) + "): "
                        + Failures.describe(e), e);
            }
        }
        return ssl;
    }

    private static void requireReadable(Path file, String what, String hint) {
        if (file == null) {
            throw new ConnectionException(what + " missing: " + hint);
        }
        if (!Files.isRegularFile(file)) {
            throw new ConnectionException(what + " " + file + " does not exist: " + hint);
        }
        if (!Files.isReadable(file)) {
            throw new ConnectionException(what + " " + file + " is not readable by this user: " + hint);
        }
    }

    @Override
    public void close() {
        if (credentials != null) {
            credentials.close();
        }
        ReferenceCountUtil.release(ssl);
        group.shutdownGracefully(0, 1, TimeUnit.SECONDS);
    }
}
