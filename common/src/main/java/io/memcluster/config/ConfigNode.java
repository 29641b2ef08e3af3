package io.memcluster.config;

import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import java.util.function.Supplier;
import java.util.regex.Pattern;

/**
 * One section of the configuration tree (the top level, {@code node}, {@code tls}, one element of
 * the list {@code cluster.nodes} ...), read key by key with the type each key needs.
 *
 * <p>A reader never throws: a value that cannot be read is reported with its YAML path and the
 * fallback is returned, so that reading goes on and every problem is found in one pass. Every
 * key asked for is remembered, so that {@link #reportUnknownKeys} can name the keys that are
 * valid in a section without a second list to keep in step. A new section is a
 * {@link #section} call plus one typed read per key.
 */
final class ConfigNode {

    /** Keys whose values must not appear in any message or log. */
    private static final Pattern SECRET = Pattern.compile("(?i).*(password|secret|token|private).*");

    private final String path;
    private final Map<String, Object> values;
    private final Problems problems;
    private final Set<String> known = new LinkedHashSet<>();
    private final List<ConfigNode> sections = new ArrayList<>();

    private ConfigNode(String path, Map<String, Object> values, Problems problems) {
        this.path = path;
        this.values = values;
        this.problems = problems;
    }

    /** The top level of a tree made by {@link YamlTree}. */
    static ConfigNode root(Map<String, Object> tree, Problems problems) {
        return new ConfigNode("", tree, problems);
    }

    /** The YAML path of this section: {@code node}, {@code cluster.nodes[1]}; empty at the top level. */
    String path() {
        return path;
    }

    /** The YAML path of {@code key} in this section: {@code node.port}. */
    String pathOf(String key) {
        return path.isEmpty() ? key : path + "." + key;
    }

    /** The section under {@code key}; empty when absent or empty (all its keys commented out). */
    @SuppressWarnings("unchecked") // YamlTree builds maps with String keys only
    ConfigNode section(String key) {
        known.add(key);
        Object value = values.get(key);
        Map<String, Object> children = Map.of();
        if (value instanceof Map<?, ?> map) {
            children = (Map<String, Object>) map;
        } else if (value != null) {
            String kind = value instanceof List ? "a list" : "a single value";
            problems.add(pathOf(key), "is " + kind + ", not a section (expected keys indented under " + key + ":)");
        }
        ConfigNode section = new ConfigNode(pathOf(key), children, problems);
        sections.add(section);
        return section;
    }

    /**
     * The list of sections under {@code key}, one per {@code -} entry, each with the path
     * {@code key[i]}; empty when absent or empty. An entry that is not a section is reported and
     * stands as null in the list, so that the others keep their place (and their path).
     *
     * @param example a key of an entry as it would be written, for the message about an entry
     *                that is a single value: {@code name: cache-1}
     */
    @SuppressWarnings("unchecked") // YamlTree builds maps with String keys only
    List<ConfigNode> sections(String key, String example) {
        known.add(key);
        Object value = values.get(key);
        if (value == null) {
            return List.of();
        }
        if (!(value instanceof List<?> entries)) {
            String kind = value instanceof Map ? "a section" : "a single value";
            problems.add(pathOf(key), "is " + kind + ", not a list (expected one entry per line starting with -,"
                    + " or [] for none)");
            return List.of();
        }
        List<ConfigNode> list = new ArrayList<>(entries.size());
        for (int i = 0; i < entries.size(); i++) {
            String at = pathOf(key) + "[" + i + "]";
            Object entry = entries.get(i);
            if (entry instanceof Map<?, ?> map) {
                ConfigNode section = new ConfigNode(at, (Map<String, Object>) map, problems);
                sections.add(section);
                list.add(section);
                continue;
            }
            String is = entry == null ? "is empty" : entry instanceof List ? "is a list, not a section"
                    : "is a single value, not a section";
            problems.add(at, is + " (expected keys indented under its -, e.g. - " + example + ")");
            list.add(null);
        }
        return list;
    }

    /**
     * The sections under {@code key} by their names, for a section whose keys the operator
     * chooses ({@code namespaces: {cart: {memory: 16m}}}), each with the path {@code key.name};
     * empty when absent or empty. An entry left empty ({@code cart:}) is an empty section, whose
     * required keys are then reported missing; an entry that is a single value or a list is
     * reported and stands as null, so that it is not also reported for its missing keys.
     *
     * @param example an entry's keys as they would be written, for the message about an entry
     *                that is not a section: {@code memory: 16m}
     */
    Map<String, ConfigNode> namedSections(String key, String example) {
        ConfigNode named = section(key);
        Map<String, ConfigNode> byName = new LinkedHashMap<>();
        for (Map.Entry<String, Object> entry : named.values.entrySet()) {
            String name = entry.getKey();
            Object value = entry.getValue();
            if (value == null || value instanceof Map) {
                byName.put(name, named.section(name));
                continue;
            }
            named.known.add(name);
            String kind = value instanceof List ? "a list" : "a single value";
            problems.add(named.pathOf(name), "is " + kind + ", not a section (expected keys indented under " + name
                    + ":, e.g. " + example + ")");
            byName.put(name, null);
        }
        return byName;
    }

    String string(String key, String fallback) {
        return read(key, fallback, "a value, e.g. " + fallback, text -> text);
    }

    /** A value that may be left out, null then; {@code expected} says what one looks like. */
    String optionalString(String key, String expected) {
        return read(key, null, expected, text -> text);
    }

    /** A value that must be there: null, after reporting it, when absent or empty. */
    String requiredString(String key, String expected) {
        return required(key, expected, () -> optionalString(key, expected));
    }

    /** A whole number; ranges are the business of the record that holds it. */
    long integer(String key, long fallback) {
        return read(key, fallback, "a whole number, e.g. " + fallback, text -> wholeNumber(key, text, fallback));
    }

    /** A whole number that must be there: null, after reporting it, when absent or not a number. */
    Long requiredInteger(String key, long example) {
        String expected = "a whole number, e.g. " + example;
        return required(key, expected, () -> read(key, null, expected, text -> wholeNumber(key, text, example)));
    }

    /** Bytes, written as {@link Sizes} reads them. */
    long size(String key, long fallback) {
        return read(key, fallback, "a size, e.g. " + Sizes.format(fallback), Sizes::parse);
    }

    /** Bytes that must be there: null, after reporting it, when absent or not a size. */
    Long requiredSize(String key, long example) {
        String expected = "a size, e.g. " + Sizes.format(example);
        return required(key, expected, () -> read(key, null, expected, Sizes::parse));
    }

    /** Written as {@link Durations} reads them. */
    Duration duration(String key, Duration fallback) {
        return read(key, fallback, "a duration, e.g. " + Durations.format(fallback), Durations::parse);
    }

    /** {@code true} or {@code false} only: {@code yes} or {@code on} is more likely a mistake. */
    boolean bool(String key, boolean fallback) {
        return read(key, fallback, "true or false", text -> switch (text.strip().toLowerCase(Locale.ROOT)) {
            case "true" -> true;
            case "false" -> false;
            default -> throw new ConfigException(shown(key, text) + " is not a boolean (expected true or false)");
        });
    }

    Path path(String key, Path fallback) {
        return read(key, fallback, "a path, e.g. " + fallback, text -> {
            try {
                return Path.of(text);
            } catch (InvalidPathException e) {
                throw new ConfigException(shown(key, text) + " is not a valid path (" + e.getReason() + ")");
            }
        });
    }

    /**
     * Reports every key in this section and the sections read from it that nobody asked for: a
     * typo such as {@code prot:} would otherwise leave the default in place without a word.
     */
    void reportUnknownKeys() {
        for (String key : values.keySet()) {
            if (!known.contains(key)) {
                String where = path.isEmpty() ? "valid top-level keys: " : "valid keys under " + path + ": ";
                problems.add(pathOf(key), "unknown key" + suggestion(key) + " (" + where + String.join(", ", known) + ")");
            }
        }
        sections.forEach(ConfigNode::reportUnknownKeys);
    }

    private <T> T required(String key, String expected, Supplier<T> read) {
        if (!values.containsKey(key)) {
            known.add(key);
            problems.add(pathOf(key), "is missing (expected " + expected + ")");
            return null;
        }
        return read.get();
    }

    private static long wholeNumber(String key, String text, long example) {
        try {
            return Long.parseLong(text.strip());
        } catch (NumberFormatException e) {
            throw new ConfigException(shown(key, text) + " is not a whole number (expected e.g. " + example + ")");
        }
    }

    /**
     * The value under {@code key} converted by {@code parse}, which throws a
     * {@link ConfigException} naming what is wrong; the fallback when absent or wrong.
     */
    private <T> T read(String key, T fallback, String expected, Function<String, T> parse) {
        known.add(key);
        if (!values.containsKey(key)) {
            return fallback;
        }
        Object value = values.get(key);
        if (value == null || (value instanceof String text && text.isBlank())) {
            problems.add(pathOf(key), "is empty (expected " + expected + ")");
            return fallback;
        }
        if (!(value instanceof String text)) {
            String kind = value instanceof Map ? "a section" : "a list";
            problems.add(pathOf(key), "is " + kind + ", not a single value (expected " + expected + ")");
            return fallback;
        }
        try {
            return parse.apply(text);
        } catch (ConfigException e) {
            // Sizes and Durations quote the value; a secret's value is not theirs to show.
            String message = e.problems().get(0).message();
            problems.add(pathOf(key), isSecret(key) ? message.replace(ConfigProblem.quote(text), "the value") : message);
            return fallback;
        }
    }

    private static String shown(String key, String value) {
        return isSecret(key) ? "the value" : ConfigProblem.quote(value);
    }

    private static boolean isSecret(String key) {
        return SECRET.matcher(key).matches();
    }

    /** ", did you mean port?" for a key a typo away from a valid one. */
    private String suggestion(String unknown) {
        String best = null;
        int bestDistance = Integer.MAX_VALUE;
        for (String candidate : known) {
            int distance = editDistance(unknown.toLowerCase(Locale.ROOT), candidate);
            // One typo in a short key, two in a long one; more and it is a guess, not a suggestion.
            if (distance <= Math.min(2, candidate.length() / 3) && distance < bestDistance) {
                best = candidate;
                bestDistance = distance;
            }
        }
        return best == null ? "" : ", did you mean " + best + "?";
    }

    /** Levenshtein distance, with a swap of neighbours counted as one edit (prot, port). */
    private static int editDistance(String a, String b) {
        int[][] d = new int[a.length() + 1][b.length() + 1];
        for (int i = 0; i <= a.length(); i++) {
            for (int j = 0; j <= b.length(); j++) {
                if (i == 0 || j == 0) {
                    d[i][j] = i + j;
                    continue;
                }
                int cost = a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1;
                d[i][j] = Math.min(Math.min(d[i - 1][j] + 1, d[i][j - 1] + 1), d[i - 1][j - 1] + cost);
                if (i > 1 && j > 1 && a.charAt(i - 1) == b.charAt(j - 2) && a.charAt(i - 2) == b.charAt(j - 1)) {
                    d[i][j] = Math.min(d[i][j], d[i - 2][j - 2] + 1);
                }
            }
        }
        return d[a.length()][b.length()];
    }
}
