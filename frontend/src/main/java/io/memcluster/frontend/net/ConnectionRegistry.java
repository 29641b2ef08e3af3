package io.memcluster.frontend.net;

import io.memcluster.frontend.stats.ConnectionStats;
import io.memcluster.time.Clock;
import io.netty.channel.Channel;
import io.netty.channel.ChannelOutboundBuffer;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/** Open client connections, for {@code stats conns} and for closing them all at shutdown. */
public final class ConnectionRegistry {

    private final Map<Channel, Entry> open = new ConcurrentHashMap<>();
    private final AtomicLong ids = new AtomicLong();
    private final Clock clock;

    /** One open connection's line in the registry. */
    public static final class Entry {
        final long id;
        volatile long lastCommandMillis;

        Entry(long id, long now) {
            this.id = id;
            this.lastCommandMillis = now;
        }
    }

    public ConnectionRegistry(Clock clock) {
        this.clock = clock;
    }

    public Entry register(Channel channel) {
        Entry entry = new Entry(ids.incrementAndGet(), clock.millis());
        open.put(channel, entry);
        channel.closeFuture().addListener(f -> open.remove(channel));
        return entry;
    }

    public void commandSeen(Entry entry) {
        entry.lastCommandMillis = clock.millis();
    }

    public List<ConnectionStats.Connection> snapshot() {
        long now = clock.millis();
        List<ConnectionStats.Connection> list = new ArrayList<>();
        open.forEach((channel, entry) -> list.add(new ConnectionStats.Connection(entry.id,
                address(channel.remoteAddress()), address(channel.localAddress()),
                (now - entry.lastCommandMillis) / 1000)));
        list.sort((a, b) -> Long.compare(a.id(), b.id()));
        return list;
    }

    /**
     * Bytes written to the open connections that their sockets have not taken yet: what replies
     * to slow readers hold in memory, beyond the kernel's buffers. For tests and diagnostics;
     * each connection's figure is read without stopping its event loop.
     */
    public long pendingWriteBytes() {
        long total = 0;
        for (Channel channel : open.keySet()) {
            ChannelOutboundBuffer buffer = channel.unsafe().outboundBuffer();
            if (buffer != null) {
                total += buffer.totalPendingWriteBytes();
            }
        }
        return total;
    }

    public void closeAll() {
        open.keySet().forEach(Channel::close);
    }

    private static String address(java.net.SocketAddress address) {
        if (address instanceof java.net.InetSocketAddress inet) {
            return inet.getAddress().getHostAddress() + ":" + inet.getPort();
        }
        return String.valueOf(address);
    }
}
