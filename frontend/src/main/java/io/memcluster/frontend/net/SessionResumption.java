package io.memcluster.frontend.net;

import java.lang.reflect.Method;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.SSLSession;

/**
 * Whether a finished handshake resumed an earlier session. Neither provider says so through a
 * public API: BoringSSL's engine has a package-private {@code isSessionReused()}, reached by
 * reflection; for the JDK's engine a session is marked on its first handshake, so a session that
 * comes back marked was resumed (the JDK rebuilds a TLS 1.3 session from its ticket, so its
 * resumptions count as new). Only a statistic depends on this: an answer that cannot be had is
 * "new".
 */
final class SessionResumption {

    private static final String MARK = "memcluster.handshake";
    private static final Method OPENSSL_REUSED = openSslReused();

    private SessionResumption() {
    }

    static boolean resumed(SSLEngine engine) {
        if (OPENSSL_REUSED != null && OPENSSL_REUSED.getDeclaringClass().isInstance(engine)) {
            try {
                return (Boolean) OPENSSL_REUSED.invoke(engine);
            } catch (ReflectiveOperationException | RuntimeException e) {
                return false;
            }
        }
        SSLSession session = engine.getSession();
        if (session.getValue(MARK) != null) {
            return true;
        }
        session.putValue(MARK, Boolean.TRUE);
        return false;
    }

    private static Method openSslReused() {
        try {
            Method method = Class.forName("io.netty.handler.ssl.ReferenceCountedOpenSslEngine")
                    .getDeclaredMethod("isSessionReused");
            method.setAccessible(true);
            return method;
        } catch (ReflectiveOperationException | RuntimeException | LinkageError e) {
            return null;
        }
    }
}
