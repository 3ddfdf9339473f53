package com.phoenixidp.authserver.console;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;

/**
 * A small per-minute bar chart, laid out here and drawn by the template as inline SVG (no
 * script): one column per minute with a bar per series side by side, a {@code <title>} tooltip
 * per column, y-axis labels at 0, half and a rounded maximum, and times (UTC) on the x-axis.
 *
 * @param title what the chart counts (the SVG's accessible name)
 * @param legend the series, in drawing order
 * @param columns one per minute, oldest first
 * @param yTicks horizontal grid lines with their labels
 * @param xTicks time labels under the axis
 */
public record BarChart(String title, List<Legend> legend, List<Column> columns, List<Tick> yTicks, List<Tick> xTicks) {

    /** The SVG's coordinate space (its {@code viewBox}); the page scales it to its width. */
    public static final int WIDTH = 640;

    public static final int HEIGHT = 170;

    static final double LEFT = 34;

    static final double RIGHT = 6;

    static final double TOP = 8;

    static final double BOTTOM = 22;

    private static final DateTimeFormatter HH_MM =
            DateTimeFormatter.ofPattern("HH:mm").withZone(ZoneOffset.UTC);

    /** One series: its name, CSS class (colour) and per-minute counts. */
    public record Series(String name, String cssClass, List<Long> counts) {

        public Series {
            counts = List.copyOf(counts);
        }

        public long total() {
            long sum = 0;
            for (long c : this.counts) {
                sum += c;
            }
            return sum;
        }
    }

    public record Legend(String name, String cssClass, long total) {}

    public record Bar(double x, double y, double width, double height, String cssClass) {}

    /** One minute: a transparent hit area ({@code x}, {@code width}) with its tooltip and bars. */
    public record Column(double x, double width, String tooltip, List<Bar> bars) {}

    public record Tick(double x, double y, String label, String anchor) {

        Tick(double x, double y, String label) {
            this(x, y, label, "middle");
        }
    }

    /** Lays out {@code series} (equal lengths) for the minutes starting at {@code start}. */
    public static BarChart perMinute(String title, Instant start, List<Series> series) {
        int minutes = series.get(0).counts().size();
        long max = 0;
        for (Series s : series) {
            for (long c : s.counts()) {
                max = Math.max(max, c);
            }
        }
        long top = niceCeiling(max + (max + 9) / 10); // a little headroom above the tallest bar
        double plotWidth = WIDTH - LEFT - RIGHT;
        double plotHeight = HEIGHT - TOP - BOTTOM;
        double slot = plotWidth / minutes;
        double barWidth = Math.max(1, (slot * 0.8) / series.size());
        List<Column> columns = new ArrayList<>(minutes);
        for (int m = 0; m < minutes; m++) {
            double x = LEFT + m * slot;
            Instant at = start.plusSeconds(m * 60L);
            StringBuilder tooltip = new StringBuilder(HH_MM.format(at)).append(" UTC");
            List<Bar> bars = new ArrayList<>(series.size());
            for (int i = 0; i < series.size(); i++) {
                Series s = series.get(i);
                long value = s.counts().get(m);
                tooltip.append(i == 0 ? ": " : ", ").append(value).append(' ').append(s.name());
                if (value > 0) {
                    double h = Math.max(1, plotHeight * value / top);
                    bars.add(new Bar(
                            round(x + slot * 0.1 + i * barWidth),
                            round(TOP + plotHeight - h),
                            round(barWidth),
                            round(h),
                            s.cssClass()));
                }
            }
            columns.add(new Column(round(x), round(slot), tooltip.toString(), bars));
        }
        List<Tick> yTicks = List.of(
                new Tick(LEFT, round(TOP + plotHeight), "0"),
                new Tick(LEFT, round(TOP + plotHeight / 2), half(top)),
                new Tick(LEFT, TOP, Long.toString(top)));
        List<Tick> xTicks = new ArrayList<>();
        for (int m = 0; m <= minutes; m += 15) {
            int index = Math.min(m, minutes - 1);
            String label = (m >= minutes) ? "now" : HH_MM.format(start.plusSeconds(index * 60L));
            String anchor = (m == 0) ? "start" : (m >= minutes) ? "end" : "middle";
            xTicks.add(new Tick(round(LEFT + Math.min(m, minutes) * slot), HEIGHT - 6, label, anchor));
        }
        List<Legend> legend = series.stream()
                .map((s) -> new Legend(s.name(), s.cssClass(), s.total()))
                .toList();
        return new BarChart(title, legend, columns, yTicks, xTicks);
    }

    /** The smallest 1, 2 or 5 times a power of ten that is at least {@code value} (at least 2). */
    static long niceCeiling(long value) {
        long magnitude = 1;
        while (true) {
            for (long step : new long[] {1, 2, 5}) {
                long candidate = step * magnitude;
                if (candidate >= Math.max(2, value)) {
                    return candidate;
                }
            }
            magnitude *= 10;
        }
    }

    private static String half(long top) {
        return (top % 2 == 0) ? Long.toString(top / 2) : Double.toString(top / 2.0);
    }

    private static double round(double value) {
        return Math.round(value * 10) / 10.0;
    }
}
