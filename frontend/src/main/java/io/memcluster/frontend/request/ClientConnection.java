package io.memcluster.frontend.request;

import io.memcluster.auth.NamespaceAccess;
import io.netty.channel.Channel;

/** What an executor may know of and do to the connection it serves. */
public interface ClientConnection {

    /** Who is logged in and what they may touch: for listings filtered by namespace. */
    NamespaceAccess access();

    /** For its event loop and, in logs, its remote address (never a key). */
    Channel channel();

    /** Closes the connection once every reply due before now has been written. */
    void closeAfterReplies();
}
