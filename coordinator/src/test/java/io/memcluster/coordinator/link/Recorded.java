package io.memcluster.coordinator.link;

import io.memcluster.protocol.Reply;
import java.util.ArrayList;
import java.util.List;

/** A callback that keeps what it heard, and how many times it was told the end. */
class Recorded implements ReplyCallback {

    final List<Reply> elements = new ArrayList<>();
    Reply reply;
    LinkFailure failure;
    int ends;

    @Override
    public void element(Reply element) {
        elements.add(element);
    }

    @Override
    public void completed(Reply reply) {
        this.reply = reply;
        ends++;
    }

    @Override
    public void failed(LinkFailure failure) {
        this.failure = failure;
        ends++;
    }

    boolean done() {
        return ends > 0;
    }

    LinkFailure.Kind failedWith() {
        return failure == null ? null : failure.kind();
    }
}
