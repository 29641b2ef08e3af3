package io.memcluster.coordinator.lifecycle;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

/**
 * {@code bin/memcluster}, through which every daemon is started: it picks the jar and the JVM
 * options for each kind of process, so a daemon runs exactly as an operator's command would.
 *
 * @param script the launcher, absolute
 */
public record Launcher(Path script) {

    /** Set by the launcher to its own path for the processes it runs. */
    public static final String ENV = "MEMCLUSTER_LAUNCHER";

    public Launcher {
        script = script.toAbsolutePath().normalize();
    }

    /**
     * The launcher that started this process, else {@code bin/memcluster} under the working
     * folder (the launcher runs everything in the installation folder).
     *
     * @throws LifecycleException when there is none
     */
    public static Launcher fromEnvironment(Map<String, String> env) throws LifecycleException {
        String given = env.get(ENV);
        Path script = given != null && !given.isBlank() ? Path.of(given) : Path.of("bin", "memcluster");
        if (!Files.isExecutable(script)) {
            throw new LifecycleException("cannot start daemons: no executable launcher at "
                    + script.toAbsolutePath().normalize() + " (expected bin/memcluster of the installation, or $"
                    + ENV + " naming it)");
        }
        return new Launcher(script);
    }
}
