package io.memcluster.testkit;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.SSLSocket;

/** A socket speaking raw protocol bytes, plain or TLS, for transcript tests. */
public final class RawClient implements AutoCloseable {

    private static final int TIMEOUT_MILLIS = 5000;
    private final Socket socket;
    private final InputStream in;
    private final OutputStream out;

    public RawClient(int port) throws IOException {
        this(connect(port));
    }

    /** Over a socket already connected (a TLS one: see {@link #tls}). */
    public RawClient(Socket socket) throws IOException {
        this.socket = socket;
        socket.setSoTimeout(TIMEOUT_MILLIS);
        // buffered: a line read byte by byte from the socket would cost a system call per byte
        in = new java.io.BufferedInputStream(socket.getInputStream(), 64 * 1024);
        out = socket.getOutputStream();
    }

    /** A TLS connection to localhost:{@code port}, handshake done, the server's name checked. */
    public static RawClient tls(int port, SSLContext context) throws IOException {
        SSLSocket socket = (SSLSocket) context.getSocketFactory().createSocket();
        socket.connect(new InetSocketAddress("localhost", port), TIMEOUT_MILLIS);
        socket.setSoTimeout(TIMEOUT_MILLIS);
        SSLParameters parameters = socket.getSSLParameters();
        parameters.setEndpointIdentificationAlgorithm("HTTPS");
        socket.setSSLParameters(parameters);
        socket.startHandshake();
        return new RawClient(socket);
    }

    private static Socket connect(int port) throws IOException {
        Socket socket = new Socket();
        socket.connect(new InetSocketAddress("127.0.0.1", port), TIMEOUT_MILLIS);
        return socket;
    }

    public Socket socket() {
        return socket;
    }

    /** Logs in with memcached's convention and returns the reply line without CRLF. */
    public String login(String username, String password) throws IOException {
        byte[] data = (username + " " + password).getBytes(java.nio.charset.StandardCharsets.UTF_8);
        send("set login 0 0 " + data.length + "\r\n");
        send(data);
        send("\r\n");
        String line = readLine();
        return line.endsWith("\r\n") ? line.substring(0, line.length() - 2) : line;
    }

    public RawClient send(String text) throws IOException {
        return send(text.getBytes(StandardCharsets.ISO_8859_1));
    }

    public RawClient send(byte[] bytes) throws IOException {
        out.write(bytes);
        out.flush();
        return this;
    }

    /**
     * Sends {@code bytes} in writes of {@code pieceSize} bytes, each flushed on its own (over TLS,
     * each its own record), as a client that writes a line in parts does.
     */
    public RawClient sendInPieces(String text, int pieceSize) throws IOException {
        byte[] bytes = text.getBytes(StandardCharsets.ISO_8859_1);
        socket.setTcpNoDelay(true);
        for (int at = 0; at < bytes.length; at += pieceSize) {
            out.write(bytes, at, Math.min(pieceSize, bytes.length - at));
            out.flush();
        }
        return this;
    }

    /** Reads exactly {@code length} bytes, or fewer if the server closes first. */
    public String read(int length) throws IOException {
        byte[] buf = new byte[length];
        int got = 0;
        while (got < length) {
            int n = in.read(buf, got, length - got);
            if (n < 0) {
                break;
            }
            got += n;
        }
        return new String(buf, 0, got, StandardCharsets.ISO_8859_1);
    }

    /** Reads one line including its CRLF. */
    public String readLine() throws IOException {
        ByteArrayOutputStream line = new ByteArrayOutputStream();
        int b;
        while ((b = in.read()) >= 0) {
            line.write(b);
            if (b == '\n') {
                break;
            }
        }
        return line.toString(StandardCharsets.ISO_8859_1);
    }

    /** Sends a request and returns what comes back up to and including the given final line. */
    public String call(String request, String lastLine) throws IOException {
        send(request);
        StringBuilder reply = new StringBuilder();
        String line;
        do {
            line = readLine();
            if (line.isEmpty()) {
                break;
            }
            reply.append(line);
        } while (!line.equals(lastLine + "\r\n"));
        return reply.toString();
    }

    /** True when the server has closed the connection (EOF within the timeout). */
    public boolean closedByServer() throws IOException {
        try {
            return in.read() < 0;
        } catch (SocketTimeoutException e) {
            return false;
        } catch (IOException e) {
            return true;
        }
    }

    @Override
    public void close() throws IOException {
        socket.close();
    }
}
