package io.memcluster.config;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
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

    private EnvExpansion() {
    }

    /** A copy of {@code tree} with every reference replaced; unresolvable ones are reported. */
    static Map<String, Object> expand(Map<String, Object> tree, Map<String, String> env, Problems problems) {
        return mapping(tree, "", env, problems);
    }

    private static Map<String, Object> mapping(Map<String, Object> tree, String path, Map<String, String> env,
            Problems problems) {
        Map<String, Object> expanded = new LinkedHashMap<>();
        tree.forEach((key, value) -> expanded.put(key, value(value, path.isEmpty() ? key : path + "." + key, env, problems)));
        return expanded;
    }

    @SuppressWarnings("unchecked") // YamlTree builds maps with String keys only
    private static Object value(Object value, String path, Map<String, String> env, Problems problems) {
        if (value instanceof String text) {
            return text.contains("${") ? scalar(text, path, env, problems) : text;
        }
        if (value instanceof Map<?, ?> map) {
            return mapping((Map<String, Object>) map, path, env, problems);
        }
        if (value instanceof List<?> list) {
            List<Object> expanded = new ArrayList<>(list.size());
            for (int i = 0; i < list.size(); i++) {
                expanded.add(value(list.get(i), path + "[" + i + "]", env, problems));
            }
            return expanded;
        }
        return value;
    }

    /** Problems name the variable but never the value around it, which may be a secret. */
    private static String scalar(String text, String path, Map<String, String> env, Problems problems) {
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
