package org.c10klab.harness.report.svg;

import java.util.List;
import java.util.Map;

/**
 * Bars per category, with one value per segment name: stacked (outcomes per model) or side by side
 * (latency percentiles per model).
 */
public final class BarChart {

    /** How the segments of one category are drawn. */
    public enum Layout { STACKED, GROUPED }

    private BarChart() {
    }

    /**
     * @param categories category label to (segment name to value), in display order; every category
     *                   should name the same segments, in the same order
     * @return a self-contained {@code <svg>} element
     */
    public static String render(String title, String xLabel, String yLabel, Layout layout,
                                Map<String, Map<String, Double>> categories) {
        return render(title, xLabel, yLabel, layout, Scale.LINEAR, categories);
    }

    /**
     * As {@link #render(String, String, String, Layout, Map)}, on a chosen value scale.
     *
     * @param scale {@link Scale#LOG} for values spanning powers of ten; grouped bars only, since stacked
     *              segments have no meaning on it
     */
    public static String render(String title, String xLabel, String yLabel, Layout layout, Scale scale,
                                Map<String, Map<String, Double>> categories) {
        if (layout == Layout.STACKED && scale == Scale.LOG) {
            throw new IllegalArgumentException("stacked bars need a linear scale");
        }
        SvgWriter svg = new SvgWriter(title);
        List<String> segments = categories.values().stream().flatMap(m -> m.keySet().stream()).distinct().toList();
        double max = categories.values().stream()
                .mapToDouble(m -> layout == Layout.STACKED
                        ? m.values().stream().mapToDouble(Double::doubleValue).sum()
                        : m.values().stream().mapToDouble(Double::doubleValue).max().orElse(0))
                .max().orElse(0);
        if (categories.isEmpty() || max <= 0) {
            svg.emptyNote("nothing to show");
            return svg.finish();
        }
        double smallestPositive = categories.values().stream().flatMap(m -> m.values().stream())
                .mapToDouble(Double::doubleValue).filter(v -> v > 0).min().orElse(1);
        // A bar grows from the axis minimum: on a log scale, start a decade below the smallest value so it shows.
        Axis axis = Axis.covering(scale, scale == Scale.LOG ? smallestPositive / 10 : 0, max, 5);
        svg.valueAxis(axis, yLabel);
        double slot = SvgWriter.plotWidth() / categories.size();
        double barWidth = slot * 0.7;
        int index = 0;
        for (Map.Entry<String, Map<String, Double>> category : categories.entrySet()) {
            double left = SvgWriter.LEFT + index * slot + (slot - barWidth) / 2;
            svg.text(left + barWidth / 2, SvgWriter.TOP + SvgWriter.plotHeight() + 16, category.getKey(), "middle", "");
            double base = 0;
            for (int s = 0; s < segments.size(); s++) {
                double value = category.getValue().getOrDefault(segments.get(s), 0.0);
                if (layout == Layout.STACKED) {
                    double top = SvgWriter.y(axis.fraction(base + value));
                    svg.rect(left, top, barWidth, SvgWriter.y(axis.fraction(base)) - top, Palette.colour(s), "bar",
                            segments.get(s) + ": " + Axis.label(value));
                    base += value;
                } else {
                    double width = barWidth / segments.size();
                    double top = SvgWriter.y(axis.fraction(value));
                    svg.rect(left + s * width, top, width * 0.9, SvgWriter.y(0) - top, Palette.colour(s), "bar",
                            segments.get(s) + ": " + Axis.label(value));
                }
            }
            index++;
        }
        svg.categoryAxisTitle(xLabel);
        svg.legend(segments);
        return svg.finish();
    }
}
