package io.memcluster.login;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import java.nio.charset.StandardCharsets;
import java.time.Duration;

/** The replies of the login step; the first four are memcached's own. */
final class LoginReplies {

    static final byte[] STORED = ascii("STORED\r\n");
    static final byte[] UNAUTHENTICATED = ascii("CLIENT_ERROR unauthenticated\r\n");
    static final byte[] FAILURE = ascii("CLIENT_ERROR authentication failure\r\n");
    static final byte[] BAD_FORMAT = ascii("CLIENT_ERROR bad authentication token format\r\n");
    /** Ours: a password must not cross a network in the clear. */
    static final byte[] NEEDS_TLS = ascii("CLIENT_ERROR authentication failure: a password login"
            + " over plaintext is accepted only from loopback; connect with TLS\r\n");
    /** Ours: a login set whose item is larger than {@link LoginHandler#MAX_LOGIN_ITEM_SIZE}, swallowed unread. */
    static final byte[] TOO_LARGE = ascii("CLIENT_ERROR authentication failure: too large for a login\r\n");
    /**
     * Ours: an attempt refused unchecked while its address or username waits after failed
     * logins, with the whole seconds left (at least 1), so that the owner of the right password
     * knows why it was refused and when to retry.
     */
    static byte[] throttled(Duration wait) {
        long seconds = Math.max(1, (wait.toMillis() + 999) / 1000);
        return ascii("CLIENT_ERROR too many failed logins, retry in " + seconds + "s\r\n");
    }

    /** Ours: more logins at once than the node checks; the client may retry. */
    static final byte[] BUSY = ascii("SERVER_ERROR too many logins in progress, try again\r\n");

    private LoginReplies() {
    }

    static ByteBuf buffer(byte[] reply) {
        return Unpooled.wrappedBuffer(reply);
    }

    private static byte[] ascii(String s) {
        return s.getBytes(StandardCharsets.US_ASCII);
    }
}
