package io.memcluster.coordinator.link;

import java.time.Duration;
import java.util.Objects;

/**
 * How the coordinator treats its connections to a node.
 *
 * @param requestTimeout   how long a request may wait for its reply (for a listing: for its next
 *                         element) before every request in flight fails and the connection closes
 * @param connectTimeout   TCP connect, and then the TLS handshake, each at most this long
 * @param maxInFlight      requests waiting for replies on one connection; beyond it send fails at once
 * @param failureThreshold consecutive failures after which the node is marked down
 * @param probeInitial     the first probe of a node that is down, after about this long
 * @param probeMax         the longest wait between probes, however long the node stays down
 */
public record LinkSettings(Duration requestTimeout, Duration connectTimeout, int maxInFlight, int failureThreshold,
        Duration probeInitial, Duration probeMax) {

    /** The deadline sweep runs at least this often, so a timeout is noticed within this much of it. */
    private static final Duration MAX_CHECK_PERIOD = Duration.ofMillis(100);

    public LinkSettings {
        positive(requestTimeout, "request timeout");
        positive(connectTimeout, "connect timeout");
        positive(probeInitial, "first probe delay");
        positive(probeMax, "longest probe delay");
        if (connectTimeout.toMillis() > Integer.MAX_VALUE) {
            throw new IllegalArgumentException("connect timeout must be at most " + Integer.MAX_VALUE
                    + " ms, not " + connectTimeout);
        }
        if (maxInFlight < 1) {
            throw new IllegalArgumentException("at least one request must be allowed in flight, not " + maxInFlight);
        }
        if (failureThreshold < 1) {
            throw new IllegalArgumentException("failure threshold must be at least 1, not " + failureThreshold);
        }
        if (probeMax.compareTo(probeInitial) < 0) {
            throw new IllegalArgumentException("longest probe delay " + probeMax
                    + " must not be shorter than the first one " + probeInitial);
        }
    }

    /** Timeouts for nodes on a LAN; probes from 100 ms doubling to 5 s. */
    public static LinkSettings defaults() {
        return new LinkSettings(Duration.ofSeconds(1), Duration.ofSeconds(2), 8192, 3, Duration.ofMillis(100),
                Duration.ofSeconds(5));
    }

    public LinkSettings withRequestTimeout(Duration timeout) {
        return new LinkSettings(timeout, connectTimeout, maxInFlight, failureThreshold, probeInitial, probeMax);
    }

    public LinkSettings withMaxInFlight(int max) {
        return new LinkSettings(requestTimeout, connectTimeout, max, failureThreshold, probeInitial, probeMax);
    }

    public LinkSettings withProbes(Duration initial, Duration max) {
        return new LinkSettings(requestTimeout, connectTimeout, maxInFlight, failureThreshold, initial, max);
    }

    /** A quarter of the request timeout, at most 100 ms, at least 1 ms. */
    Duration deadlineCheckPeriod() {
        Duration quarter = requestTimeout.dividedBy(4);
        Duration period = quarter.compareTo(MAX_CHECK_PERIOD) < 0 ? quarter : MAX_CHECK_PERIOD;
        return period.isZero() ? Duration.ofMillis(1) : period;
    }

    private static void positive(Duration value, String what) {
        Objects.requireNonNull(value, what);
        if (value.isNegative() || value.isZero()) {
            throw new IllegalArgumentException(what + " must be positive, not " + value);
        }
    }
}
