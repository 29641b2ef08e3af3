package io.memcluster.client.session;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What one statement came to: its exit code (see {@link ExitCodes}), the lines a person reads
 * and the fields a script reads. A failed statement carries one line saying why.
 *
 * @param command   the statement's name ({@code "put"}, {@code "show namespaces"})
 * @param lines     text output; for a failure, the one-line reason
 * @param fields    JSON fields, in order
 * @param complaint whether the lines explain a failure (they go to standard error) rather
 *                  than answer the question (HAS's "no" is an answer, with exit code 1)
 */
public record Outcome(String command, int exit, List<String> lines, Map<String, Object> fields,
        boolean complaint) {

    public Outcome {
        lines = List.copyOf(lines);
        fields = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(fields));
    }

    public static Outcome ok(String command, String line, Map<String, Object> fields) {
        return new Outcome(command, ExitCodes.OK, line == null ? List.of() : List.of(line), fields, false);
    }

    public static Outcome ok(String command, List<String> lines, Map<String, Object> fields) {
        return new Outcome(command, ExitCodes.OK, lines, fields, false);
    }

    /** A statement that did not do what was asked, with the reason; the fields may say more. */
    public static Outcome failed(String command, int exit, String reason, Map<String, Object> fields) {
        if (exit == ExitCodes.OK) {
            throw new IllegalArgumentException("a failure needs a non-zero exit code");
        }
        return new Outcome(command, exit, List.of(reason), fields, true);
    }

    /** An answer that is also an exit code, such as HAS's "no" (1). */
    public static Outcome answer(String command, int exit, String line, Map<String, Object> fields) {
        return new Outcome(command, exit, List.of(line), fields, false);
    }

    public boolean succeeded() {
        return exit == ExitCodes.OK;
    }

    /** Field map builder for the common case of a few fields. */
    public static Map<String, Object> fields(Object... keyValues) {
        Map<String, Object> map = new LinkedHashMap<>();
        for (int i = 0; i < keyValues.length; i += 2) {
            map.put((String) keyValues[i], keyValues[i + 1]);
        }
        return map;
    }
}
