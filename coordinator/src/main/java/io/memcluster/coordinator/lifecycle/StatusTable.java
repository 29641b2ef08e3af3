package io.memcluster.coordinator.lifecycle;

import java.util.ArrayList;
import java.util.List;

/**
 * {@code status}'s output: a header, then one line per process, columns padded to their widest
 * entry and two spaces apart. A missing value is {@code -}, so that every column holds one word
 * except STATE ({@code not running}): a script splits off the first four words and the last.
 */
final class StatusTable {

    static final List<String> HEADER = List.of("ROLE", "NAME", "PID", "ADDRESS", "STATE", "UPTIME");

    /**
     * @param role   {@code coordinator}, {@code node} or {@code remote-node}
     * @param pid    {@code -} when there is no process of ours
     * @param uptime {@code -} when there is no process of ours
     */
    record Row(String role, String name, String pid, String address, ProcessState state, String uptime) {

        List<String> cells() {
            return List.of(role, name, pid, address, state.words(), uptime);
        }
    }

    private StatusTable() {
    }

    static String format(List<Row> rows) {
        List<List<String>> lines = new ArrayList<>();
        lines.add(HEADER);
        rows.forEach(row -> lines.add(row.cells()));
        int[] widths = new int[HEADER.size()];
        for (List<String> line : lines) {
            for (int c = 0; c < widths.length; c++) {
                widths[c] = Math.max(widths[c], line.get(c).length());
            }
        }
        StringBuilder out = new StringBuilder();
        for (List<String> line : lines) {
            StringBuilder text = new StringBuilder();
            for (int c = 0; c < widths.length; c++) {
                text.append(c == widths.length - 1 ? line.get(c) : pad(line.get(c), widths[c] + 2));
            }
            out.append(text.toString().stripTrailing()).append('\n');
        }
        return out.toString();
    }

    private static String pad(String text, int width) {
        return text + " ".repeat(width - text.length());
    }
}
