package io.memcluster.config;

import java.time.Duration;
import java.util.List;

/**
 * The rules that several sections share (a listen address, a port, a count of at least one), so
 * that {@code node.port} and {@code coordinator.port} are refused with the same sentence. Each
 * adds its problem to the list it is given, named by the YAML path it is given.
 */
final class Rules {

    private Rules() {
    }

    /** An address to listen on: {@code node.bind}, {@code coordinator.bind}. */
    static void bind(List<ConfigProblem> problems, String path, String bind) {
        if (bind.isBlank()) {
            problems.add(problem(path, "is empty (expected an address or host name, e.g. 127.0.0.1 or 0.0.0.0)"));
        } else if (hasSpace(bind)) {
            problems.add(problem(path, ConfigProblem.quote(bind)
                    + " is not an address (expected an address or host name without spaces, e.g. 127.0.0.1)"));
        }
    }

    /** An address to connect to: a remote node's {@code host}. */
    static void host(List<ConfigProblem> problems, String path, String host) {
        if (host.isBlank()) {
            problems.add(problem(path, "is empty (expected a host name or address, e.g. 10.0.0.5)"));
        } else if (hasSpace(host)) {
            problems.add(problem(path, ConfigProblem.quote(host)
                    + " is not a host (expected a host name or address without spaces, e.g. 10.0.0.5)"));
        }
    }

    static void port(List<ConfigProblem> problems, String path, long port) {
        if (port < 1 || port > 65535) {
            problems.add(problem(path, port + " is out of range (expected 1-65535)"));
        }
    }

    /**
     * A second, plaintext listener's port: 0 for none, else a port other than the main one.
     *
     * @param mainPath the main listener's key, named when the two are the same
     * @param mainPort its port; -1 to skip that comparison
     */
    static void plainPort(List<ConfigProblem> problems, String path, long port, String mainPath, long mainPort) {
        if (port < 0 || port > 65535) {
            problems.add(problem(path, port + " is out of range (expected 1-65535, or 0 for no plaintext listener)"));
        } else if (port != 0 && port == mainPort) {
            problems.add(problem(path, port + " is " + mainPath
                    + " too (expected another port, or 0 for no plaintext listener)"));
        }
    }

    /** Threads, connections: at least one, and no more than the int the record holds. */
    static void atLeastOne(List<ConfigProblem> problems, String path, long value) {
        if (value < 1) {
            problems.add(problem(path, value + " is too small (expected at least 1)"));
        } else if (value > Integer.MAX_VALUE) {
            problems.add(problem(path, value + " is too large (expected at most " + Integer.MAX_VALUE + ")"));
        }
    }

    /** Below this a few large replies would use it all up: more likely a missing unit than a wish. */
    static final long MIN_CONNECTION_BUFFERS = 8 * Sizes.MB;

    /** {@code node.connection_buffers}, {@code coordinator.connection_buffers}. */
    static void connectionBuffers(List<ConfigProblem> problems, String path, long bytes) {
        if (bytes < MIN_CONNECTION_BUFFERS) {
            problems.add(problem(path, Sizes.format(bytes) + " is too small (expected at least "
                    + Sizes.format(MIN_CONNECTION_BUFFERS) + ")"));
        }
    }

    static void idleTimeout(List<ConfigProblem> problems, String path, Duration idleTimeout) {
        if (idleTimeout.isNegative()) {
            problems.add(problem(path, Durations.format(idleTimeout)
                    + " is negative (expected 0s, which never closes idle connections, or more)"));
        }
    }

    private static boolean hasSpace(String value) {
        return value.chars().anyMatch(Character::isWhitespace);
    }

    private static ConfigProblem problem(String path, String message) {
        return new ConfigProblem(path, null, message);
    }
}
