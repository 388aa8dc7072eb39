package org.c10klab.harness.report.svg;

import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.DoubleStream;
import org.c10klab.harness.stats.Spread;

/**
 * Bars per category, with one value per segment name: stacked (outcomes per model) or side by side
 * (latency percentiles per model).
 */
public final class BarChart {

    /** Whiskers and trial dots: dark, so they read against every bar colour. */
    private static final String WHISKER = "#333333";

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
        return draw(title, xLabel, yLabel, layout, scale, categories, Map.of());
    }

    /**
     * Grouped bars at the median of each segment's trials, each with a whisker from its lowest to its highest
     * trial and a dot per trial, so a chart of repeated trials shows how far the machine's noise moved them.
     *
     * @param trials category label to (segment name to that segment's trial values), in display order
     */
    public static String renderTrials(String title, String xLabel, String yLabel, Scale scale,
                                      Map<String, Map<String, double[]>> trials) {
        Map<String, Map<String, Double>> medians = new LinkedHashMap<>();
        trials.forEach((category, segments) -> {
            Map<String, Double> bars = new LinkedHashMap<>();
            segments.forEach((segment, values) -> bars.put(segment, Spread.of(values).median()));
            medians.put(category, bars);
        });
        return draw(title, xLabel, yLabel, Layout.GROUPED, scale, medians, trials);
    }

    private static String draw(String title, String xLabel, String yLabel, Layout layout, Scale scale,
                               Map<String, Map<String, Double>> categories, Map<String, Map<String, double[]>> trials) {
        if (layout == Layout.STACKED && scale == Scale.LOG) {
            throw new IllegalArgumentException("stacked bars need a linear scale");
        }
        SvgWriter svg = new SvgWriter(title);
        List<String> segments = categories.values().stream().flatMap(m -> m.keySet().stream()).distinct().toList();
        double max = Math.max(categories.values().stream()
                .mapToDouble(m -> layout == Layout.STACKED
                        ? m.values().stream().mapToDouble(Double::doubleValue).sum()
                        : m.values().stream().mapToDouble(Double::doubleValue).max().orElse(0))
                .max().orElse(0), trialValues(trials).max().orElse(0));
        if (categories.isEmpty() || max <= 0) {
            svg.emptyNote("nothing to show");
            return svg.finish();
        }
        double smallestPositive = DoubleStream.concat(categories.values().stream().flatMap(m -> m.values().stream())
                .mapToDouble(Double::doubleValue), trialValues(trials)).filter(v -> v > 0).min().orElse(1);
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
                    double[] values = trials.getOrDefault(category.getKey(), Map.of()).get(segments.get(s));
                    svg.rect(left + s * width, top, width * 0.9, SvgWriter.y(0) - top, Palette.colour(s), "bar",
                            segments.get(s) + (values == null ? ": " : " (median): ") + Axis.label(value));
                    if (values != null) {
                        whisker(svg, axis, left + s * width + width * 0.45, segments.get(s), values);
                    }
                }
            }
            index++;
        }
        svg.categoryAxisTitle(xLabel);
        svg.legend(segments);
        return svg.finish();
    }

    /** A line from the lowest trial to the highest at {@code x}, and a dot per trial. */
    private static void whisker(SvgWriter svg, Axis axis, double x, String segment, double[] values) {
        Spread spread = Spread.of(values);
        svg.line(x, SvgWriter.y(axis.fraction(spread.min())), x, SvgWriter.y(axis.fraction(spread.max())), WHISKER);
        for (int t = 0; t < values.length; t++) {
            svg.dot(x, SvgWriter.y(axis.fraction(values[t])), WHISKER,
                    segment + ", trial " + (t + 1) + ": " + Axis.label(values[t]));
        }
    }

    private static DoubleStream trialValues(Map<String, Map<String, double[]>> trials) {
        return trials.values().stream().flatMap(m -> m.values().stream()).flatMapToDouble(Arrays::stream);
    }
}
