package io.memcluster.config;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;

/**
 * The problems found so far while loading one configuration. Reading goes on after a problem so
 * that the operator hears about every mistake at once; {@link #throwIfAny} ends the load.
 */
final class Problems {

    /** YAML path to the flag that set it, so that a bad flag is not blamed on the file. */
    private final Map<String, String> sourceByPath;
    private final List<ConfigProblem> found = new ArrayList<>();

    Problems(Map<String, String> sourceByPath) {
        this.sourceByPath = Map.copyOf(sourceByPath);
    }

    Problems() {
        this(Map.of());
    }

    /**
     * Records a problem unless {@code path} already has one: the first is the cause, and a later one
     * (a value that could not be read, then a rule checked on the default used in its place) would
     * only send the operator after a consequence.
     */
    void add(String path, String message) {
        if (has(path)) {
            return;
        }
        found.add(new ConfigProblem(path, sourceByPath.get(path), message));
    }

    /** Adds problems found elsewhere (a record's own validation), naming the flag where one applies. */
    void addAll(List<ConfigProblem> problems) {
        problems.forEach(p -> add(p.path(), p.message()));
    }

    boolean has(String path) {
        return found.stream().anyMatch(p -> p.path().equals(path));
    }

    /**
     * Throws with the problems in the order of {@code tree}, the file's order with flags last, so
     * that the operator can work down the file.
     */
    void throwIfAny(Map<String, Object> tree) {
        List<String> order = new ArrayList<>();
        collectPaths(tree, "", order);
        List<ConfigProblem> sorted = new ArrayList<>(found);
        sorted.sort(Comparator.comparingInt(p -> {
            int at = order.indexOf(p.path());
            return at >= 0 ? at : order.size(); // a default's problem, or the file's (whose tree is then empty)
        }));
        ConfigException.throwIfAny(sorted);
    }

    private static void collectPaths(Map<?, ?> tree, String path, List<String> order) {
        tree.forEach((key, value) -> {
            String at = path.isEmpty() ? key.toString() : path + "." + key;
            order.add(at);
            if (value instanceof Map<?, ?> section) {
                collectPaths(section, at, order);
            }
        });
    }
}
