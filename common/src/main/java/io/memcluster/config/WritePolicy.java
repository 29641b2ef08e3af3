package io.memcluster.config;

import java.util.Locale;

/** When the coordinator answers a write as done: {@code cluster.write_policy}. */
public enum WritePolicy {
    /**
     * Every replica that is up has acknowledged it. A replica that is down is skipped and catches
     * up from hints when it returns, so a write succeeds while at least one replica is up.
     */
    ALL_LIVE,
    /** A majority of the R replicas ({@link ClusterConfig#quorum()}) has acknowledged it. */
    QUORUM;

    static final String VALID = "all_live or quorum";

    /** The word written in config.yaml. */
    public String word() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** @return null for anything but the two words */
    static WritePolicy parse(String word) {
        for (WritePolicy policy : values()) {
            if (policy.word().equals(word.strip())) {
                return policy;
            }
        }
        return null;
    }
}
