package com.phoenixidp.admin.output;

import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;
import org.jspecify.annotations.Nullable;

/** One item shown as {@code Label:  value} lines with the values aligned (the default output of {@code show}). */
public final class Fields {

    private final List<String[]> lines = new ArrayList<>();

    /** Adds a line; {@code null} values are left out. */
    public Fields add(String label, @Nullable Object value) {
        if (value != null) {
            this.lines.add(new String[] {label + ":", Text.clean(value)});
        }
        return this;
    }

    public void print(PrintWriter out) {
        int width = this.lines.stream().mapToInt((l) -> l[0].length()).max().orElse(0);
        for (String[] line : this.lines) {
            out.println(line[0] + " ".repeat(width - line[0].length() + 2) + line[1]);
        }
    }
}
