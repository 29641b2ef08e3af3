package io.memcluster.coordinator.link;

import io.netty.channel.IoHandlerFactory;
import io.netty.channel.epoll.Epoll;
import io.netty.channel.epoll.EpollIoHandler;
import io.netty.channel.epoll.EpollSocketChannel;
import io.netty.channel.nio.NioIoHandler;
import io.netty.channel.socket.SocketChannel;
import io.netty.channel.socket.nio.NioSocketChannel;

/**
 * Native epoll where it loads (as the nodes use), NIO otherwise. A link's channel must match the
 * event loop it is registered on, so the coordinator builds its worker group with
 * {@link #ioHandlerFactory()} and the links pick the channel class the same way.
 */
public final class LinkTransport {

    private LinkTransport() {
    }

    public static boolean epoll() {
        return Epoll.isAvailable();
    }

    /** For the coordinator's worker group, whose loops the links run on. */
    public static IoHandlerFactory ioHandlerFactory() {
        return epoll() ? EpollIoHandler.newFactory() : NioIoHandler.newFactory();
    }

    static Class<? extends SocketChannel> socketChannel() {
        return epoll() ? EpollSocketChannel.class : NioSocketChannel.class;
    }
}
