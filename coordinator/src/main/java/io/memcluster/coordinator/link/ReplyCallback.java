package io.memcluster.coordinator.link;

import io.memcluster.protocol.Reply;

/**
 * What a request hears back. Exactly one of {@link #completed} and {@link #failed} is called,
 * once, on the link's event loop; {@link #element} may come before either, so a listing can fail
 * after some of its elements arrived.
 */
public interface ReplyCallback {

    /** An element of a listing before its end (a VALUE of a classic get, a STAT, a metadump line). */
    default void element(Reply element) {
    }

    /** The reply, or the element that ends a listing (END, RESET, an Error...): {@link Reply#endsListing()} is true. */
    void completed(Reply reply);

    /** No complete reply will come. */
    void failed(LinkFailure failure);
}
