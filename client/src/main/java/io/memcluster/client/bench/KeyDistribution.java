package io.memcluster.client.bench;

/** How requests pick their keys. */
enum KeyDistribution {
    /** Every key equally likely. */
    UNIFORM,
    /** Key of rank r with probability proportional to 1 / r^skew: a few hot keys, a long cold tail. */
    ZIPF
}
