package io.memcluster.config;

import java.time.Duration;

/** Reads the {@code coordinator} section, one typed read per key, then checks its rules. */
final class CoordinatorSection {

    private CoordinatorSection() {
    }

    /** @return the section's settings; null when any of them is wrong, which is then reported */
    static CoordinatorConfig read(ConfigNode root, Problems problems) {
        CoordinatorConfig defaults = CoordinatorConfig.defaults();
        ConfigNode coordinator = root.section("coordinator");
        String bind = coordinator.string("bind", defaults.bind());
        long port = coordinator.integer("port", defaults.port());
        long plainPort = coordinator.integer("plain_port", defaults.plainPort());
        long threads = coordinator.integer("threads", defaults.threads());
        long maxConnections = coordinator.integer("max_connections", defaults.maxConnections());
        Duration idleTimeout = coordinator.duration("idle_timeout", defaults.idleTimeout());
        long connectionBuffers = coordinator.size("connection_buffers", defaults.connectionBuffers());
        long id = coordinator.integer("id", defaults.id());

        problems.addAll(CoordinatorConfig.check(bind, port, plainPort, threads, maxConnections, idleTimeout,
                connectionBuffers, id));
        if (problems.hasUnder("coordinator")) {
            return null;
        }
        return new CoordinatorConfig(bind, (int) port, (int) plainPort, (int) threads, (int) maxConnections,
                idleTimeout, connectionBuffers, (int) id);
    }
}
