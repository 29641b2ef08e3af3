package io.memcluster.config;

import java.util.List;
import java.util.stream.Collectors;

/**
 * Everything wrong with a configuration at once, one problem a line, so that an operator fixes
 * the file in one pass instead of one restart per mistake. The only exception this package
 * throws for bad input.
 */
public final class ConfigException extends RuntimeException {

    private final transient List<ConfigProblem> problems;

    public ConfigException(List<ConfigProblem> problems) {
        super(problems.stream().map(ConfigProblem::toString).collect(Collectors.joining("\n")));
        if (problems.isEmpty()) {
            throw new IllegalArgumentException("a ConfigException needs at least one problem");
        }
        this.problems = List.copyOf(problems);
    }

    /** A single problem with a value that is not yet tied to a YAML path (see {@link Sizes#parse}). */
    public ConfigException(String message) {
        this(List.of(new ConfigProblem("", null, message)));
    }

    public List<ConfigProblem> problems() {
        return problems;
    }

    /** Throws when there is anything to report; the usual last step of validating a record. */
    static void throwIfAny(List<ConfigProblem> problems) {
        if (!problems.isEmpty()) {
            throw new ConfigException(problems);
        }
    }
}
