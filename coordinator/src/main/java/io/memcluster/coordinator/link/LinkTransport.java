package io.memcluster.coordinator.link;

import io.netty.channel.EventLoop;
import io.netty.channel.IoEventLoop;
import io.netty.channel.IoHandlerFactory;
import io.netty.channel.epoll.Epoll;
import io.netty.channel.epoll.EpollIoHandler;
import io.netty.channel.epoll.EpollSocketChannel;
import io.netty.channel.nio.NioIoHandler;
import io.netty.channel.socket.SocketChannel;
import io.netty.channel.socket.nio.NioSocketChannel;

/**
 * Native epoll where it loads (as the nodes use), NIO otherwise. The coordinator builds its
 * worker group with {@link #ioHandlerFactory()}; a link's channel must match the loop it is
 * registered on, so it takes its class from the loop.
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

    /** The socket channel class that {@code loop} can serve. */
    static Class<? extends SocketChannel> socketChannel(EventLoop loop) {
        boolean epollLoop = epoll() && loop instanceof IoEventLoop io && io.isIoType(EpollIoHandler.class);
        return epollLoop ? EpollSocketChannel.class : NioSocketChannel.class;
    }
}
