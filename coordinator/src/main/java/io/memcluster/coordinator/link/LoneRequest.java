package io.memcluster.coordinator.link;

import io.memcluster.protocol.Command;
import io.memcluster.protocol.Reply;
import io.memcluster.time.Ticker;
import io.netty.channel.Channel;
import io.netty.channel.EventLoop;
import io.netty.util.concurrent.Future;
import java.time.Duration;

/**
 * One slow request on a connection of its own ({@code memcluster snapshot}, which a node answers
 * only once its files are on disk, many seconds later). On a pooled link it would hold up every
 * request pipelined behind it (a node answers in order), and the links' short request timeout
 * would fail it and count it against the node's health.
 *
 * <p>The connection is made as a pooled link's is ({@link LinkConnector}: TCP, the same mutual
 * TLS, {@code version} answered within the links' request timeout), then the request waits up to
 * its own timeout, and the connection closes once it is answered. Nothing here touches the
 * node's health: a slow or failed snapshot does not make a node down.
 */
final class LoneRequest {

    private LoneRequest() {
    }

    /** Connects on {@code loop} and sends {@code command}; the callback hears exactly once, on {@code loop}. */
    static void send(LinkConnector connector, NodeAddress node, EventLoop loop, Ticker ticker, LinkSettings settings,
            Duration timeout, Command command, ReplyCallback callback) {
        connector.connectOwn(loop, ticker, channel -> {
        }).addListener((Future<Channel> done) -> {
            if (!done.isSuccess()) {
                callback.failed((LinkFailure) done.cause());
                return;
            }
            Channel channel = done.getNow();
            InFlightQueue slow = new InFlightQueue(node, settings.withRequestTimeout(timeout), ticker,
                    InFlightQueue.Events.UNCOUNTED);
            channel.pipeline().replace("in-flight", "in-flight", slow);
            slow.send(command, new ClosingCallback(channel, callback));
        });
    }

    /** Closes the connection once the request is answered or failed, then passes the word on. */
    private record ClosingCallback(Channel channel, ReplyCallback callback) implements ReplyCallback {
        @Override
        public void element(Reply element) {
            callback.element(element);
        }

        @Override
        public void completed(Reply reply) {
            channel.close();
            callback.completed(reply);
        }

        @Override
        public void failed(LinkFailure failure) {
            channel.close();
            callback.failed(failure);
        }
    }
}
