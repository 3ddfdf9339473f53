package com.phoenixidp.admin.output;

import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import org.jspecify.annotations.Nullable;

/** A table with aligned columns: a header row in capitals, then one row per item, two spaces apart. */
public final class Table {

    private final String[] headers;

    private final List<String[]> rows = new ArrayList<>();

    public Table(String... headers) {
        this.headers =
                Arrays.stream(headers).map((h) -> h.toUpperCase(Locale.ROOT)).toArray(String[]::new);
    }

    /** Adds a row; each cell is {@link Text#clean cleaned} ({@code -} when null). */
    public Table row(@Nullable Object... cells) {
        if (cells.length != this.headers.length) {
            throw new IllegalArgumentException("expected " + this.headers.length + " cells, got " + cells.length);
        }
        this.rows.add(Arrays.stream(cells).map(Text::clean).toArray(String[]::new));
        return this;
    }

    public boolean isEmpty() {
        return this.rows.isEmpty();
    }

    /** Prints the table, or {@code emptyMessage} alone when it has no rows. */
    public void print(PrintWriter out, String emptyMessage) {
        if (this.rows.isEmpty()) {
            out.println(emptyMessage);
            return;
        }
        int[] widths = new int[this.headers.length];
        for (String[] row : allRows()) {
            for (int i = 0; i < row.length; i++) {
                widths[i] = Math.max(widths[i], row[i].codePointCount(0, row[i].length()));
            }
        }
        for (String[] row : allRows()) {
            StringBuilder line = new StringBuilder();
            for (int i = 0; i < row.length; i++) {
                line.append(row[i]);
                if (i < row.length - 1) {
                    line.append(" ".repeat(widths[i] - row[i].codePointCount(0, row[i].length()) + 2));
                }
            }
            out.println(line.toString().stripTrailing());
        }
    }

    private List<String[]> allRows() {
        List<String[]> all = new ArrayList<>(this.rows.size() + 1);
        all.add(this.headers);
        all.addAll(this.rows);
        return all;
    }
}
