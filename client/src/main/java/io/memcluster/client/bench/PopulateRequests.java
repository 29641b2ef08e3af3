package io.memcluster.client.bench;

import io.netty.buffer.ByteBuf;

/**
 * The populate step: one set for every key, so that the measured gets hit. Connection {@code i}
 * of {@code n} sets keys i, i + n, i + 2n...: every key exactly once, the work evenly shared.
 */
final class PopulateRequests implements RequestSource {

    private final RequestEncoder encoder;
    private final int step;
    private final int keyCount;
    private final Phase phase;
    private int next;

    PopulateRequests(RequestEncoder encoder, int connection, int connections, int keyCount, Phase phase) {
        this.encoder = encoder;
        this.next = connection;
        this.step = connections;
        this.keyCount = keyCount;
        this.phase = phase;
    }

    @Override
    public Request writeNext(ByteBuf out) {
        if (next >= keyCount || phase.stopping()) {
            return null;
        }
        encoder.writeSet(out, next);
        next += step;
        return Request.SET;
    }
}
