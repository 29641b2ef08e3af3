package io.memcluster.frontend.stats;

import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.LongAdder;

/**
 * What the front end counts, under memcached's {@code stats} names: connections, logins,
 * refusals, TLS handshakes and bytes on the wire. The executor behind it counts the commands.
 * LongAdders: every event loop bumps them, only {@code stats} reads them.
 */
public final class FrontendStats {
    public final LongAdder authCmds = new LongAdder();
    public final LongAdder authErrors = new LongAdder();
    public final LongAdder authDenied = new LongAdder();
    public final LongAdder sslHandshakeErrors = new LongAdder();
    public final LongAdder sslNewSessions = new LongAdder();
    public final LongAdder sslResumedSessions = new LongAdder();
    public final LongAdder bytesRead = new LongAdder();
    public final LongAdder bytesWritten = new LongAdder();
    public final LongAdder totalConnections = new LongAdder();
    public final LongAdder rejectedConnections = new LongAdder();
    public final AtomicInteger currConnections = new AtomicInteger();

    /** stats reset: everything but the gauge of open connections. */
    public void reset() {
        for (LongAdder adder : new LongAdder[] {authCmds, authErrors, authDenied, sslHandshakeErrors, sslNewSessions,
                sslResumedSessions, bytesRead, bytesWritten, totalConnections, rejectedConnections}) {
            adder.reset();
        }
    }
}
