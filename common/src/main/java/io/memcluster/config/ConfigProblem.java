package io.memcluster.config;

/**
 * One thing wrong with a configuration, printed as {@code <path> (from <source>): <message>}.
 *
 * @param path    the YAML path ({@code node.port}), or the file for problems with the document
 *                itself; empty while a value's problem is not yet tied to a place (a bare
 *                {@link Sizes#parse} call)
 * @param source  where an overriding value came from ({@code --port}), or null for the file
 * @param message what is wrong, then what would be valid in parentheses
 */
public record ConfigProblem(String path, String source, String message) {

    /** Longest piece of a value echoed in a message: enough to recognise, never a whole document. */
    private static final int MAX_ECHO = 60;

    @Override
    public String toString() {
        if (path.isEmpty()) {
            return message;
        }
        return source == null ? path + ": " + message : path + " (from " + source + "): " + message;
    }

    /**
     * A value as messages show it: in quotes, escaped so that every problem stays on one line, and
     * cut short so that a pasted certificate or a whole document is not echoed back.
     */
    static String quote(String value) {
        StringBuilder out = new StringBuilder(Math.min(value.length(), MAX_ECHO) + 8).append('"');
        int end = Math.min(value.length(), MAX_ECHO);
        for (int i = 0; i < end; i++) {
            char c = value.charAt(i);
            switch (c) {
                case '"' -> out.append("\\\"");
                case '\\' -> out.append("\\\\");
                case '\n' -> out.append("\\n");
                case '\r' -> out.append("\\r");
                case '\t' -> out.append("\\t");
                default -> {
                    if (Character.isISOControl(c)) {
                        out.append(String.format("\\u%04x", (int) c));
                    } else {
                        out.append(c);
                    }
                }
            }
        }
        if (end < value.length()) {
            out.append("...");
        }
        return out.append('"').toString();
    }
}
