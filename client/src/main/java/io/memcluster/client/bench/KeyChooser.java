package io.memcluster.client.bench;

import java.util.SplittableRandom;

/** Which key the next request uses: an index into the {@link KeyTable}. */
interface KeyChooser {

    int next(SplittableRandom random);

    static KeyChooser uniform(int keys) {
        return random -> random.nextInt(keys);
    }

    /** Zipf over the keys; the hottest keys are the lowest indices. */
    static KeyChooser zipf(int keys, double skew) {
        ZipfSampler sampler = new ZipfSampler(keys, skew);
        return random -> sampler.sample(random) - 1;
    }
}
