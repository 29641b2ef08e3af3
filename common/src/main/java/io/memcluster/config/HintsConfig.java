package io.memcluster.config;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * The {@code cluster.hints} section: what the coordinator keeps of the writes a replica missed,
 * to hand them over when it returns (hinted handoff).
 *
 * @param enabled  false keeps no hints: a returning replica then catches up from digests only
 * @param maxBytes the hints of every node together are kept within this much of the
 *                 coordinator's heap; the oldest are dropped beyond it (the node then needs a
 *                 digest catch-up), and no client write ever fails for it
 * @param maxAge   a hint older than this is dropped: by then a digest catch-up is cheaper than
 *                 replaying hours of writes
 */
public record HintsConfig(boolean enabled, long maxBytes, Duration maxAge) {

    public static final long DEFAULT_MAX_BYTES = 64L << 20;
    public static final Duration DEFAULT_MAX_AGE = Duration.ofHours(3);

    private static final HintsConfig DEFAULTS = new HintsConfig(true, DEFAULT_MAX_BYTES, DEFAULT_MAX_AGE);

    public HintsConfig {
        java.util.Objects.requireNonNull(maxAge, "maxAge");
        ConfigException.throwIfAny(check(maxBytes, maxAge));
    }

    /** On, 64m, 3h. */
    public static HintsConfig defaults() {
        return DEFAULTS;
    }

    /** Hints off: every missed write is left to the digest catch-up. */
    public HintsConfig disabled() {
        return new HintsConfig(false, maxBytes, maxAge);
    }

    static List<ConfigProblem> check(long maxBytes, Duration maxAge) {
        List<ConfigProblem> problems = new ArrayList<>();
        if (maxBytes < 1024) {
            problems.add(new ConfigProblem("cluster.hints.max_bytes", null, Sizes.format(maxBytes)
                    + " is too small (expected at least 1k, e.g. 64m; enabled: false turns hints off)"));
        }
        if (maxAge.isZero() || maxAge.isNegative()) {
            problems.add(new ConfigProblem("cluster.hints.max_age", null, Durations.format(maxAge)
                    + " is too short (expected at least 1ms, e.g. 3h)"));
        }
        return problems;
    }
}
