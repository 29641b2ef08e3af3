package io.memcluster.client.session;

import java.util.ArrayList;
import java.util.List;

/** Rows as aligned columns under a header, for STATS and SHOW NAMESPACES. */
final class Table {

    private Table() {
    }

    /**
     * @param rightFrom columns from this index on are right-aligned (numbers); -1 for none
     */
    static List<String> format(List<String> header, List<List<String>> rows, int rightFrom) {
        int[] widths = new int[header.size()];
        for (int c = 0; c < widths.length; c++) {
            widths[c] = header.get(c).length();
            for (List<String> row : rows) {
                widths[c] = Math.max(widths[c], row.get(c).length());
            }
        }
        List<String> lines = new ArrayList<>(rows.size() + 1);
        lines.add(line(header, widths, rightFrom));
        for (List<String> row : rows) {
            lines.add(line(row, widths, rightFrom));
        }
        return lines;
    }

    private static String line(List<String> cells, int[] widths, int rightFrom) {
        StringBuilder sb = new StringBuilder();
        for (int c = 0; c < cells.size(); c++) {
            String cell = cells.get(c);
            boolean last = c == cells.size() - 1;
            boolean right = rightFrom >= 0 && c >= rightFrom;
            String gap = " ".repeat(Math.max(0, widths[c] - cell.length()));
            if (c > 0) {
                sb.append("  ");
            }
            if (right) {
                sb.append(gap).append(cell);
            } else {
                sb.append(cell).append(last ? "" : gap);
            }
        }
        return sb.toString();
    }
}
