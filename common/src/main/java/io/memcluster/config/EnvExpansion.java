package io.memcluster.config;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Replaces {@code ${NAME}} and {@code ${NAME:-default}} in the values of a {@link YamlTree} with
 * environment variables, as a shell would: the default applies when the variable is unset or
 * empty. Keys are never expanded, and neither are command-line values (the shell did that).
 *
 * <p>The environment is passed in rather than read from {@link System#getenv()}, so that tests
 * and embedding processes decide what a node sees.
 */
final class EnvExpansion {

    private static final Pattern REFERENCE = Pattern.compile("\\$\\{([A-Za-z_][A-Za-z0-9_]*)(?::-([^}]*))?}");

    private final Map<String, String> env;
    private final Set<String> replaced;
    private final Problems problems;

    private EnvExpansion(Map<String, String> env, Set<String> replaced, Problems problems) {
        this.env = env;
        this.replaced = replaced;
        this.problems = problems;
    }

    /**
     * A copy of {@code tree} with every reference replaced; unresolvable ones are reported. Values
     * at {@code replaced} paths are left as they are: a flag is about to replace them, so a
     * variable they name need not be set.
     */
    static Map<String, Object> expand(Map<String, Object> tree, Map<String, String> env, Set<String> replaced,
            Problems problems) {
        return new EnvExpansion(env, replaced, problems).mapping(tree, "");
    }

    private Map<String, Object> mapping(Map<String, Object> tree, String path) {
        Map<String, Object> expanded = new LinkedHashMap<>();
        tree.forEach((key, value) -> expanded.put(key, value(value, path.isEmpty() ? key : path + "." + key)));
        return expanded;
    }

    @SuppressWarnings("unchecked") // YamlTree builds maps with String keys only
    private Object value(Object value, String path) {
        if (value instanceof String text) {
            return text.contains("${") && !replaced.contains(path) ? scalar(text, path) : text;
        }
        if (value instanceof Map<?, ?> map) {
            return mapping((Map<String, Object>) map, path);
        }
        if (value instanceof List<?> list) {
            List<Object> expanded = new ArrayList<>(list.size());
            for (int i = 0; i < list.size(); i++) {
                expanded.add(value(list.get(i), path + "[" + i + "]"));
            }
            return expanded;
        }
        return value;
    }

    /** Problems name the variable but never the value around it, which may be a secret. */
    private String scalar(String text, String path) {
        StringBuilder out = new StringBuilder(text.length());
        Matcher m = REFERENCE.matcher(text);
        int copied = 0;
        while (m.find()) {
            String before = text.substring(copied, m.start());
            if (before.contains("${")) {
                break; // a malformed reference comes first: reported below
            }
            String name = m.group(1);
            String fallback = m.group(2);
            String set = env.get(name);
            if (set != null && (!set.isEmpty() || fallback == null)) {
                out.append(before).append(set);
            } else if (fallback != null) {
                out.append(before).append(fallback);
            } else {
                problems.add(path, "environment variable " + name + " is not set (expected it set, or a default as in ${"
                        + name + ":-value})");
                return text;
            }
            copied = m.end();
        }
        String rest = text.substring(copied);
        if (rest.contains("${")) {
            problems.add(path, "has a ${ that does not start a variable reference (expected ${NAME} or ${NAME:-default},"
                    + " NAME being letters, digits and _)");
            return text;
        }
        return out.append(rest).toString();
    }
}
