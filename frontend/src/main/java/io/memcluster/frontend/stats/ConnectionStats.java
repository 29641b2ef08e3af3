package io.memcluster.frontend.stats;

import io.memcluster.protocol.ReplyEncoder;
import io.netty.buffer.ByteBuf;
import java.util.Collection;
import java.util.function.ObjLongConsumer;

/** The front end's part of {@code stats} and the whole of {@code stats conns}, as memcached names them. */
public final class ConnectionStats {

    /** What {@code stats conns} lists of one open connection. */
    public record Connection(long id, String address, String localAddress, long secondsSinceLastCommand) {
    }

    private ConnectionStats() {
    }

    /** The connection lines of the general group, in memcached's order. */
    public static void connections(ByteBuf out, FrontendStats stats, int maxConnections) {
        connections(stats, maxConnections, (name, value) -> ReplyEncoder.stat(out, name, value));
    }

    /** The same lines as name and value: for a report that merges them with others (the coordinator's). */
    public static void connections(FrontendStats stats, int maxConnections, ObjLongConsumer<String> line) {
        line.accept("max_connections", maxConnections);
        line.accept("curr_connections", stats.currConnections.get());
        line.accept("total_connections", stats.totalConnections.sum());
        line.accept("rejected_connections", stats.rejectedConnections.sum());
        line.accept("connection_structures", stats.currConnections.get());
    }

    /** Logins, refusals, TLS and traffic: the general group's lines after the command counters. */
    public static void security(ByteBuf out, FrontendStats stats) {
        security(stats, (name, value) -> ReplyEncoder.stat(out, name, value));
    }

    /** The same lines as name and value. */
    public static void security(FrontendStats stats, ObjLongConsumer<String> line) {
        line.accept("auth_cmds", stats.authCmds.sum());
        line.accept("auth_errors", stats.authErrors.sum());
        line.accept("auth_denied", stats.authDenied.sum());
        // memcached's TLS counters; ssl_resumed_sessions is ours (handshakes that skipped the certificates)
        line.accept("ssl_handshake_errors", stats.sslHandshakeErrors.sum());
        line.accept("ssl_new_sessions", stats.sslNewSessions.sum());
        line.accept("ssl_resumed_sessions", stats.sslResumedSessions.sum());
        line.accept("bytes_read", stats.bytesRead.sum());
        line.accept("bytes_written", stats.bytesWritten.sum());
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
