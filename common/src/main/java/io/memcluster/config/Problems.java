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

    /** Whether {@code path} or anything under it ({@code cluster.nodes[0].port} under {@code cluster}) has a problem. */
    boolean hasUnder(String path) {
        return found.stream().anyMatch(p -> p.path().equals(path) || p.path().startsWith(path + ".")
                || p.path().startsWith(path + "["));
    }

    /**
     * Throws with the problems in the order of {@code tree}, the file's order with flags last, so
     * that the operator can work down the file. A problem with a key that is not written (a
     * required one left out, a rule on a default) goes where the nearest section it belongs to
     * is written: {@code cluster.nodes[1].port} is missing at {@code cluster.nodes[1]}.
     */
    void throwIfAny(Map<String, Object> tree) {
        List<String> order = new ArrayList<>();
        collectPaths(tree, "", order);
        List<ConfigProblem> sorted = new ArrayList<>(found);
        sorted.sort(Comparator.comparingInt(p -> position(p.path(), order)));
        ConfigException.throwIfAny(sorted);
    }

    /**
     * Twice the place of {@code path} in {@code order}, or one past twice the place of the last key
     * in its nearest written section, so that it follows what is written there; past the end for
     * what is not in the tree at all (a default's problem, or the file's, whose tree is then empty).
     */
    private static int position(String path, List<String> order) {
        for (String at = path; !at.isEmpty(); at = parent(at)) {
            int index = order.indexOf(at);
            if (index >= 0) {
                return at.equals(path) ? 2 * index : 2 * lastUnder(at, index, order) + 1;
            }
        }
        return 2 * order.size();
    }

    private static int lastUnder(String section, int index, List<String> order) {
        int last = index;
        while (last + 1 < order.size() && (order.get(last + 1).startsWith(section + ".")
                || order.get(last + 1).startsWith(section + "["))) {
            last++;
        }
        return last;
    }

    /** {@code cluster.nodes[1]} for {@code cluster.nodes[1].port}, {@code cluster.nodes} for that, "" at the top. */
    private static String parent(String path) {
        int cut = Math.max(path.lastIndexOf('.'), path.lastIndexOf('['));
        return cut < 0 ? "" : path.substring(0, cut);
    }

    private static void collectPaths(Object value, String path, List<String> order) {
        if (value instanceof Map<?, ?> section) {
            section.forEach((key, child) -> {
                String at = path.isEmpty() ? key.toString() : path + "." + key;
                order.add(at);
                collectPaths(child, at, order);
            });
        } else if (value instanceof List<?> list) {
            for (int i = 0; i < list.size(); i++) {
                String at = path + "[" + i + "]";
                order.add(at);
                collectPaths(list.get(i), at, order);
            }
        }
    }
}
