package io.memcluster.frontend.stats;

import io.memcluster.protocol.ReplyEncoder;
import io.netty.buffer.ByteBuf;
import java.util.Collection;

/** The front end's part of {@code stats} and the whole of {@code stats conns}, as memcached names them. */
public final class ConnectionStats {

    /** What {@code stats conns} lists of one open connection. */
    public record Connection(long id, String address, String localAddress, long secondsSinceLastCommand) {
    }

    private ConnectionStats() {
    }

    /** The connection lines of the general group, in memcached's order. */
    public static void connections(ByteBuf out, FrontendStats stats, int maxConnections) {
        ReplyEncoder.stat(out, "max_connections", maxConnections);
        ReplyEncoder.stat(out, "curr_connections", stats.currConnections.get());
        ReplyEncoder.stat(out, "total_connections", stats.totalConnections.sum());
        ReplyEncoder.stat(out, "rejected_connections", stats.rejectedConnections.sum());
        ReplyEncoder.stat(out, "connection_structures", stats.currConnections.get());
    }

    /** Logins, refusals, TLS and traffic: the general group's lines after the command counters. */
    public static void security(ByteBuf out, FrontendStats stats) {
        ReplyEncoder.stat(out, "auth_cmds", stats.authCmds.sum());
        ReplyEncoder.stat(out, "auth_errors", stats.authErrors.sum());
        ReplyEncoder.stat(out, "auth_denied", stats.authDenied.sum());
        // memcached's TLS counters; ssl_resumed_sessions is ours (handshakes that skipped the certificates)
        ReplyEncoder.stat(out, "ssl_handshake_errors", stats.sslHandshakeErrors.sum());
        ReplyEncoder.stat(out, "ssl_new_sessions", stats.sslNewSessions.sum());
        ReplyEncoder.stat(out, "ssl_resumed_sessions", stats.sslResumedSessions.sum());
        ReplyEncoder.stat(out, "bytes_read", stats.bytesRead.sum());
        ReplyEncoder.stat(out, "bytes_written", stats.bytesWritten.sum());
    }

    /** {@code stats conns}. */
    public static void conns(ByteBuf out, Collection<Connection> connections) {
        for (Connection conn : connections) {
            ReplyEncoder.stat(out, conn.id() + ":addr", "tcp:" + conn.address());
            ReplyEncoder.stat(out, conn.id() + ":listen_addr", "tcp:" + conn.localAddress());
            ReplyEncoder.stat(out, conn.id() + ":state", "conn_parse_cmd");
            ReplyEncoder.stat(out, conn.id() + ":secs_since_last_cmd", conn.secondsSinceLastCommand());
        }
        ReplyEncoder.end(out);
    }
}
