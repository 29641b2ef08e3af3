package io.memcluster.coordinator.lifecycle;

import io.memcluster.certs.CertificateFiles;
import io.memcluster.tls.ClientTlsContexts;
import io.netty.handler.ssl.JdkSslContext;
import io.netty.handler.ssl.SslProvider;
import java.io.IOException;
import java.net.ConnectException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import javax.net.ssl.SSLContext;

/**
 * Asks whatever listens on a node's port who it is, the way the coordinator will talk to it:
 * mutual TLS with the coordinator's client certificate ({@code D/certs/client.crt}), then
 * {@code stats} and {@code version}. A memcluster node answers with its pid ({@code STAT pid})
 * and a version naming memcluster; anything else (no TLS, another CA, a plain memcached, silence)
 * is not a node of this cluster.
 */
final class NodeProbe {

    /** Per step (connect, handshake, each reply): loopback answers in milliseconds. */
    static final Duration TIMEOUT = Duration.ofSeconds(2);
    // A node's stats are about 60 lines; more means it is not a node's.
    private static final int MAX_STATS_LINES = 1000;

    /** What answered. */
    enum Kind {
        /** A memcluster node: {@link Answer#pid()} and {@link Answer#version()} are set. */
        NODE,
        /** The connection was refused: nothing listens there. */
        NOTHING,
        /** Something listens but is no memcluster node of this cluster, or does not answer in time. */
        OTHER
    }

    /**
     * @param detail why it is not a node, for messages; empty for a node
     */
    record Answer(Kind kind, long pid, String version, String detail) {

        static Answer node(long pid, String version) {
            return new Answer(Kind.NODE, pid, version, "");
        }

        static Answer other(String detail) {
            return new Answer(Kind.OTHER, -1, "", detail);
        }

        /** The node of that process. */
        boolean isNode(long expectedPid) {
            return kind == Kind.NODE && pid == expectedPid;
        }
    }

    private final SSLContext context;
    private final Duration timeout;
    private final String unavailable;

    NodeProbe(SSLContext context, Duration timeout) {
        this(context, timeout, null);
    }

    private NodeProbe(SSLContext context, Duration timeout, String unavailable) {
        this.context = context;
        this.timeout = timeout;
        this.unavailable = unavailable;
    }

    /**
     * For {@code down} and {@code status}, which still work from pid files alone when the
     * certificates are missing: every node is then "something else" on its port.
     */
    static NodeProbe forClusterOrUnchecked(DataLayout layout) {
        try {
            return forCluster(layout);
        } catch (LifecycleException e) {
            return new NodeProbe(null, TIMEOUT, e.getMessage());
        }
    }

    /** With the cluster's CA and the coordinator's client certificate from {@code D/certs}. */
    static NodeProbe forCluster(DataLayout layout) throws LifecycleException {
        CertificateFiles certs = layout.certificates();
        for (Path file : new Path[] {certs.caCertificate(), certs.clientCertificate(), certs.clientKey()}) {
            if (!Files.isRegularFile(file)) {
                throw new LifecycleException("cannot check the nodes: " + file + " does not exist (the cluster's"
                        + " certificates are made by bin/memcluster up; move " + certs.dir()
                        + " away to have a new set made)");
            }
        }
        try {
            JdkSslContext built = (JdkSslContext) ClientTlsContexts.build(certs.caCertificate(),
                    certs.clientCertificate(), certs.clientKey(), SslProvider.JDK);
            return new NodeProbe(built.context(), TIMEOUT);
        } catch (IOException | RuntimeException e) {
            throw new LifecycleException("cannot use the certificates in " + certs.dir() + ": " + e.getMessage(), e);
        }
    }

    Answer probe(String host, int port) {
        if (unavailable != null) {
            return Answer.other(unavailable);
        }
        try (LineConnection connection = LineConnection.tls(host, port, context, timeout)) {
            connection.send("stats", "version");
            long pid = -1;
            for (int lines = 0; ; lines++) {
                String line = connection.readLine();
                if (line.equals("END")) {
                    break;
                }
                if (!line.startsWith("STAT ") || lines >= MAX_STATS_LINES) {
                    return Answer.other("it answered stats with " + shortened(line));
                }
                if (line.startsWith("STAT pid ")) {
                    pid = parsePid(line.substring("STAT pid ".length()));
                }
            }
            String version = connection.readLine();
            if (!version.startsWith("VERSION ") || !version.contains("memcluster")) {
                return Answer.other("it answered version with " + shortened(version) + ", not a memcluster node's");
            }
            if (pid < 0) {
                return Answer.other("its stats have no pid");
            }
            return Answer.node(pid, version.substring("VERSION ".length()));
        } catch (ConnectException e) {
            return new Answer(Kind.NOTHING, -1, "", "nothing listens there");
        } catch (IOException e) {
            return Answer.other("no mutual TLS handshake and answer with the cluster's certificates ("
                    + e.getClass().getSimpleName() + (e.getMessage() == null ? "" : ": " + e.getMessage()) + ")");
        }
    }

    private static long parsePid(String text) {
        try {
            return Long.parseLong(text.strip());
        } catch (NumberFormatException e) {
            return -1;
        }
    }

    static String shortened(String line) {
        String printable = line.codePoints().map(c -> c < 0x20 || c > 0x7e ? '?' : c)
                .collect(StringBuilder::new, StringBuilder::appendCodePoint, StringBuilder::append).toString();
        return "'" + (printable.length() > 60 ? printable.substring(0, 60) + "..." : printable) + "'";
    }
}
