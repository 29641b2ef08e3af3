package io.memcluster.client.connection;

import io.memcluster.config.Durations;
import io.memcluster.protocol.Command;
import io.memcluster.protocol.Reply;
import io.memcluster.protocol.ReplyDecoderException;
import io.netty.channel.Channel;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

/**
 * One open connection, used by one thread at a time: write a request, wait for its reply.
 * Replies come in request order, so a batch can be pipelined ({@link #pipeline}). Any failure
 * (closed by the server, no reply in time, bytes that make no sense) closes the connection and
 * throws {@link ConnectionException}: afterwards nobody knows which requests were done.
 */
public final class Connection implements AutoCloseable {

    private final Channel channel;
    private final ReplyQueue replies;
    private final ServerAddress address;

    Connection(Channel channel, ReplyQueue replies, ServerAddress address) {
        this.channel = channel;
        this.replies = replies;
        this.address = address;
    }

    public ServerAddress address() {
        return address;
    }

    /** Whether the connection is still up, as far as this side knows. */
    public boolean isOpen() {
        return channel.isActive();
    }

    /** Sends a request whose reply is one element (anything but a retrieval, stats or metadump). */
    public Reply request(Command command) {
        channel.writeAndFlush(command);
        Reply reply = next();
        if (!reply.endsListing()) {
            close();
            throw new ConnectionException("the server answered " + command.getClass().getSimpleName()
                    + " with a listing; connection closed");
        }
        return reply;
    }

    /** Sends all requests at once, then reads one single-element reply for each. */
    public List<Reply> pipeline(List<? extends Command> commands) {
        for (Command command : commands) {
            channel.write(command);
        }
        channel.flush();
        List<Reply> result = new ArrayList<>(commands.size());
        for (int i = 0; i < commands.size(); i++) {
            Reply reply = next();
            if (!reply.endsListing()) {
                close();
                throw new ConnectionException("the server answered a single request with a listing; connection closed");
            }
            result.add(reply);
        }
        return result;
    }

    /**
     * Sends a request answered by a listing (get, stats, metadump) and hands each element to
     * {@code element} as it arrives.
     *
     * @return what ended the listing: {@link Reply.End}, or an error or other line
     */
    public Reply listing(Command command, Consumer<Reply> element) {
        return listing(command, element, address.replyTimeout());
    }

    /** As {@link #listing(Command, Consumer)}, waiting up to {@code timeout} for each element: for a slow command. */
    public Reply listing(Command command, Consumer<Reply> element, Duration timeout) {
        channel.writeAndFlush(command);
        while (true) {
            Reply reply = next(timeout);
            if (reply.endsListing()) {
                return reply;
            }
            element.accept(reply);
        }
    }

    private Reply next() {
        return next(address.replyTimeout());
    }

    private Reply next(Duration timeout) {
        Reply reply;
        try {
            reply = replies.take(timeout);
        } catch (ReplyQueue.ReplyTimeoutException e) {
            close();
            throw new ConnectionException("no reply from " + address.hostAndPort() + " within "
                    + Durations.format(timeout) + "; connection closed");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            close();
            throw new ConnectionException("interrupted while waiting for " + address.hostAndPort()
                    + "; connection closed");
        }
        if (reply == null) {
            throw lost();
        }
        return reply;
    }

    private ConnectionException lost() {
        Throwable failure = replies.failure();
        if (failure instanceof ReplyDecoderException || failure != null && failure.getCause() instanceof ReplyDecoderException) {
            return new ConnectionException("the server at " + address.hostAndPort()
                    + " sent something that is not the memcached protocol (" + failure.getMessage()
                    + "); connection closed", failure);
        }
        if (failure != null) {
            return new ConnectionException("connection to " + address.hostAndPort() + " lost: "
                    + Failures.describe(failure), failure);
        }
        return new ConnectionException("connection to " + address.hostAndPort() + " closed by the server");
    }

    @Override
    public void close() {
        channel.close().awaitUninterruptibly();
    }
}
