package io.memcluster.coordinator.lifecycle;

import io.memcluster.config.LocalNodes;
import java.nio.file.Path;
import java.util.Objects;

/**
 * A local node that runs and answered its handshake.
 *
 * @param name   {@code node-1 ..}: its name on the ring
 * @param pid    its process
 * @param port   its mTLS port on {@link LocalNodes#HOST}
 * @param origin whether it was adopted or started now
 * @param log    where its standard output and error go
 */
public record LocalNodeProcess(String name, long pid, int port, Origin origin, Path log) {

    public LocalNodeProcess {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(origin, "origin");
        Objects.requireNonNull(log, "log");
    }

    public String address() {
        return LocalNodes.HOST + ":" + port;
    }
}
