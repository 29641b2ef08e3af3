package io.memcluster.client.bench;

import io.netty.buffer.ByteBuf;
import java.util.SplittableRandom;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The measured load: gets and sets in the configured ratio on keys from the configured
 * distribution, until the phase is told to stop or the shared request budget runs out.
 */
final class MixedRequests implements RequestSource {

    private final RequestEncoder encoder;
    private final KeyChooser keys;
    private final double getRatio;
    private final SplittableRandom random;
    private final Phase phase;
    /** Requests left for all connections together; null when the phase is bounded by time only. */
    private final AtomicLong budget;

    MixedRequests(RequestEncoder encoder, KeyChooser keys, double getRatio, SplittableRandom random, Phase phase,
            AtomicLong budget) {
        this.encoder = encoder;
        this.keys = keys;
        this.getRatio = getRatio;
        this.random = random;
        this.phase = phase;
        this.budget = budget;
    }

    @Override
    public Request writeNext(ByteBuf out) {
        if (phase.stopping() || (budget != null && budget.getAndDecrement() <= 0)) {
            return null;
        }
        int key = keys.next(random);
        if (random.nextDouble() < getRatio) {
            encoder.writeGet(out, key);
            return Request.GET;
        }
        encoder.writeSet(out, key);
        return Request.SET;
    }
}
