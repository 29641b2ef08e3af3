package io.memcluster.config;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.yaml.snakeyaml.DumperOptions;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.DuplicateKeyException;
import org.yaml.snakeyaml.constructor.SafeConstructor;
import org.yaml.snakeyaml.error.Mark;
import org.yaml.snakeyaml.error.MarkedYAMLException;
import org.yaml.snakeyaml.error.YAMLException;
import org.yaml.snakeyaml.nodes.Tag;
import org.yaml.snakeyaml.representer.Representer;
import org.yaml.snakeyaml.resolver.Resolver;

/**
 * Reads a YAML document into a tree of {@code Map<String, Object>}, {@code List<Object>},
 * {@code String} and {@code null}: nothing else, whatever the document says.
 *
 * <p>Every scalar stays the text the operator wrote. YAML 1.1 would otherwise turn {@code yes}
 * and {@code off} into booleans, {@code 0x10} and {@code 1:30} into numbers and
 * {@code 2024-01-01} into a date, and a {@code ${VAR}} or a command-line flag (always text)
 * would then behave differently from the same value written in the file. {@link ConfigNode}
 * reads the text as the type each key needs.
 */
final class YamlTree {

    private static final String DUPLICATE = "found duplicate key ";

    private YamlTree() {
    }

    /**
     * The document in {@code text} as a tree, or an empty tree after reporting why it cannot be
     * read. {@code where} names the document in those reports (its file).
     */
    static Map<String, Object> parse(String text, String where, Problems problems) {
        LoaderOptions options = new LoaderOptions();
        options.setAllowDuplicateKeys(false);
        // SafeConstructor builds only maps, lists and scalars: a tag can never name a class to load.
        Yaml yaml = new Yaml(new SafeConstructor(options), new Representer(new DumperOptions()),
                new DumperOptions(), options, new NullsOnlyResolver());
        Object document;
        try {
            document = yaml.load(text);
        } catch (MarkedYAMLException e) {
            problems.add(where, describe(e));
            return Map.of();
        } catch (YAMLException e) {
            problems.add(where, "is not valid YAML: " + e.getMessage());
            return Map.of();
        }
        if (document == null) {
            return Map.of();
        }
        if (!(document instanceof Map<?, ?> sections)) {
            problems.add(where, "is not a mapping (expected keys such as node: at the top level)");
            return Map.of();
        }
        return mapping(sections, "", problems);
    }

    /**
     * SnakeYAML's own message quotes the offending lines of the document; only the problem and its
     * position are reported, so that no value (a password, one day) is echoed into a log.
     */
    private static String describe(MarkedYAMLException e) {
        Mark mark = e.getProblemMark() != null ? e.getProblemMark() : e.getContextMark();
        String at = mark == null ? "" : " at line " + (mark.getLine() + 1) + ", column " + (mark.getColumn() + 1);
        String problem = e.getProblem() == null ? e.getContext() : e.getProblem();
        if (e instanceof DuplicateKeyException && problem.startsWith(DUPLICATE)) {
            return "has the key " + ConfigProblem.quote(problem.substring(DUPLICATE.length())) + " twice, again"
                    + at + " (expected each key once per section)";
        }
        // "while parsing a block mapping" is SnakeYAML's state, not news to the operator; a context
        // such as "expected a single document in the stream" is the first half of the sentence.
        if (e.getContext() != null && e.getProblem() != null && !e.getContext().startsWith("while ")) {
            problem = e.getContext() + ", " + problem;
        }
        return "is not valid YAML" + at + ": " + problem
                + " (expected YAML: check the indentation, the space after each colon and the quotes)";
    }

    private static Map<String, Object> mapping(Map<?, ?> source, String path, Problems problems) {
        Map<String, Object> tree = new LinkedHashMap<>();
        source.forEach((key, value) -> {
            String name = String.valueOf(key);
            tree.put(name, value(value, path.isEmpty() ? name : path + "." + name, problems));
        });
        return tree;
    }

    private static Object value(Object value, String path, Problems problems) {
        if (value == null || value instanceof String) {
            return value;
        }
        if (value instanceof Map<?, ?> map) {
            return mapping(map, path, problems);
        }
        if (value instanceof List<?> list) {
            List<Object> tree = new ArrayList<>(list.size());
            for (int i = 0; i < list.size(); i++) {
                tree.add(value(list.get(i), path + "[" + i + "]", problems));
            }
            return tree;
        }
        if (value instanceof Number || value instanceof Boolean) {
            return value.toString(); // an explicit tag such as !!int: read like the plain text
        }
        // !!binary, !!timestamp, !!set and the like: nothing in the configuration is one of these.
        problems.add(path, "has an explicit YAML tag this file does not use (expected a plain value, e.g. 64m)");
        return null;
    }

    /**
     * Resolves plain scalars to null (empty, {@code ~}, {@code null}) or to text, and keeps merge
     * keys ({@code <<: *defaults}) working; booleans, numbers and dates are left to the reader.
     */
    private static final class NullsOnlyResolver extends Resolver {
        @Override
        protected void addImplicitResolvers() {
            addImplicitResolver(Tag.NULL, NULL, "~nN\0");
            addImplicitResolver(Tag.NULL, EMPTY, null);
            addImplicitResolver(Tag.MERGE, MERGE, "<");
        }
    }
}
