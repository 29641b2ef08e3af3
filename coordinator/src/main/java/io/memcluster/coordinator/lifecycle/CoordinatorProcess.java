package io.memcluster.coordinator.lifecycle;

import java.util.Objects;

/**
 * The coordinator daemon after {@code up}: it runs and serves.
 *
 * @param pid    its process
 * @param origin whether it was adopted or started now
 */
record CoordinatorProcess(long pid, Origin origin) {

    CoordinatorProcess {
        Objects.requireNonNull(origin, "origin");
    }
}
