package io.memcluster.coordinator.lifecycle;

import io.memcluster.tls.TlsProviders;
import java.io.ByteArrayOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.SSLSocket;

/**
 * A blocking text-protocol connection for a few commands and their reply lines, with a deadline
 * on every step: a probe must answer "is it ours?" within a second or two, whatever listens.
 */
public final class LineConnection implements AutoCloseable {

    // Longer than any reply line of stats or version; a peer sending more is not a memcached.
    private static final int MAX_LINE = 8 * 1024;

    private final Socket socket;
    private final InputStream in;
    private final OutputStream out;

    private LineConnection(Socket socket) throws IOException {
        this.socket = socket;
        this.in = socket.getInputStream();
        this.out = socket.getOutputStream();
    }

    public static LineConnection plain(String host, int port, Duration timeout) throws IOException {
        return new LineConnection(connect(host, port, timeout));
    }

    /**
     * TLS 1.2 or 1.3 with the server's certificate checked against {@code host}, as every client
     * of ours does; the handshake is done before this returns.
     */
    public static LineConnection tls(String host, int port, SSLContext context, Duration timeout) throws IOException {
        Socket tcp = connect(host, port, timeout);
        try {
            SSLSocket socket = (SSLSocket) context.getSocketFactory().createSocket(tcp, host, port, true);
            SSLParameters parameters = socket.getSSLParameters();
            parameters.setProtocols(TlsProviders.PROTOCOLS);
            parameters.setEndpointIdentificationAlgorithm("HTTPS");
            socket.setSSLParameters(parameters);
            socket.startHandshake();
            return new LineConnection(socket);
        } catch (IOException | RuntimeException e) {
            tcp.close();
            throw e;
        }
    }

    private static Socket connect(String host, int port, Duration timeout) throws IOException {
        Socket socket = new Socket();
        try {
            socket.connect(new InetSocketAddress(host, port), (int) timeout.toMillis());
            socket.setSoTimeout((int) timeout.toMillis());
            return socket;
        } catch (IOException e) {
            socket.close();
            throw e;
        }
    }

    /** Sends the lines at once, each ended with {@code \r\n}. */
    public void send(String... lines) throws IOException {
        StringBuilder text = new StringBuilder();
        for (String line : lines) {
            text.append(line).append("\r\n");
        }
        out.write(text.toString().getBytes(StandardCharsets.US_ASCII));
        out.flush();
    }

    /** The next line without its {@code \r\n}. */
    public String readLine() throws IOException {
        ByteArrayOutputStream line = new ByteArrayOutputStream(64);
        for (int b = in.read(); b != '\n'; b = in.read()) {
            if (b < 0) {
                throw new EOFException("the connection was closed");
            }
            if (line.size() >= MAX_LINE) {
                throw new IOException("a reply line longer than " + MAX_LINE + " bytes");
            }
            line.write(b);
        }
        String text = line.toString(StandardCharsets.UTF_8);
        return text.endsWith("\r") ? text.substring(0, text.length() - 1) : text;
    }

    @Override
    public void close() {
        try {
            socket.close();
        } catch (IOException e) {
            // nothing was left to say on it
        }
    }
}
