package io.memcluster.client.bench;

/** Replies counted, by request and outcome. */
record Counts(long hits, long misses, long getErrors, long stored, long setErrors) {

    static final Counts ZERO = new Counts(0, 0, 0, 0, 0);

    long gets() {
        return hits + misses + getErrors;
    }

    long sets() {
        return stored + setErrors;
    }

    long requests() {
        return gets() + sets();
    }

    long errors() {
        return getErrors + setErrors;
    }

    /** Hits among gets, 0 to 1; NaN when there were no gets. */
    double hitRatio() {
        return gets() == 0 ? Double.NaN : (double) hits / gets();
    }

    Counts plus(Counts other) {
        return new Counts(hits + other.hits, misses + other.misses, getErrors + other.getErrors,
                stored + other.stored, setErrors + other.setErrors);
    }

    Counts minus(Counts other) {
        return new Counts(hits - other.hits, misses - other.misses, getErrors - other.getErrors,
                stored - other.stored, setErrors - other.setErrors);
    }
}
