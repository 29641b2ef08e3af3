package io.memcluster.coordinator.link;

import io.memcluster.protocol.Reply;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The outcomes of {@code count} requests sent over real links, by request index, and the order
 * in which their ends arrived; complete once every request has heard its end.
 */
final class Gathered {

    final Reply[] replies;
    final LinkFailure[] failures;
    final int[] arrival;
    final CompletableFuture<Gathered> all = new CompletableFuture<>();
    private final AtomicInteger ended = new AtomicInteger();

    Gathered(int count) {
        replies = new Reply[count];
        failures = new LinkFailure[count];
        arrival = new int[count];
    }

    ReplyCallback at(int index) {
        return new ReplyCallback() {
            @Override
            public void completed(Reply reply) {
                replies[index] = reply;
                end(index);
            }

            @Override
            public void failed(LinkFailure failure) {
                failures[index] = failure;
                end(index);
            }
        };
    }

    private void end(int index) {
        int position = ended.getAndIncrement();
        arrival[position] = index;
        if (position == replies.length - 1) {
            all.complete(this);
        }
    }
}
