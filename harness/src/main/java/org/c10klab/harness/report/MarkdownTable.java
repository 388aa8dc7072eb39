package org.c10klab.harness.report;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * A Markdown table padded into aligned columns, so the same text reads well in a terminal and renders
 * as a table in lab.md and backlog.md. The first column is left-aligned, the others hold numbers and
 * are right-aligned.
 */
public final class MarkdownTable {

    private final List<String> headers;
    private final List<List<String>> rows = new ArrayList<>();

    public MarkdownTable(String... headers) {
        this.headers = List.of(headers);
    }

    /** Adds a row; {@code cells} must match the headers in number. */
    public MarkdownTable row(Object... cells) {
        if (cells.length != headers.size()) {
            throw new IllegalArgumentException("row of " + cells.length + " cells for " + headers.size() + " columns");
        }
        rows.add(Arrays.stream(cells).map(String::valueOf).map(c -> c.replace("|", "\\|")).toList());
        return this;
    }

    /** The table, one line per row, ending with a line break. */
    public String render() {
        int[] widths = new int[headers.size()];
        for (int i = 0; i < widths.length; i++) {
            widths[i] = Math.max(3, headers.get(i).length());
            for (List<String> row : rows) {
                widths[i] = Math.max(widths[i], row.get(i).length());
            }
        }
        StringBuilder text = new StringBuilder();
        line(text, headers, widths);
        text.append('|');
        for (int i = 0; i < widths.length; i++) {
            text.append(i == 0 ? " " + "-".repeat(widths[i]) + " |" : " " + "-".repeat(widths[i] - 1) + ": |");
        }
        text.append('\n');
        rows.forEach(row -> line(text, row, widths));
        return text.toString();
    }

    private static void line(StringBuilder text, List<String> cells, int[] widths) {
        text.append('|');
        for (int i = 0; i < widths.length; i++) {
            String cell = cells.get(i);
            String padding = " ".repeat(widths[i] - cell.length());
            text.append(' ').append(i == 0 ? cell + padding : padding + cell).append(" |");
        }
        text.append('\n');
    }
}
