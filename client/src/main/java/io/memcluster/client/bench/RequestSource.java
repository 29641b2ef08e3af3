package io.memcluster.client.bench;

import io.netty.buffer.ByteBuf;

/** Where one connection's requests come from during one phase; called on its event loop only. */
interface RequestSource {

    /** Writes the next request into {@code out} and says which it was; null when there are no more. */
    Request writeNext(ByteBuf out);
}
