package org.c10klab.harness.report.svg;

import java.util.List;
import java.util.Map;

/**
 * Stacked bars in groups: one bar per trial, a category's trials side by side above its label, so a chart
 * of repeated trials shows every trial's make-up and how far the trials of one category differ.
 */
public final class TrialStackChart {

    private TrialStackChart() {
    }

    /**
     * @param categories category label to its trials, in display order; each trial maps segment names to
     *                   values, stacked in the order the segments first appear
     * @return a self-contained {@code <svg>} element
     */
    public static String render(String title, String xLabel, String yLabel,
                                Map<String, List<Map<String, Double>>> categories) {
        SvgWriter svg = new SvgWriter(title);
        List<String> segments = categories.values().stream().flatMap(List::stream)
                .flatMap(trial -> trial.keySet().stream()).distinct().toList();
        double max = categories.values().stream().flatMap(List::stream)
                .mapToDouble(trial -> trial.values().stream().mapToDouble(Double::doubleValue).sum()).max().orElse(0);
        if (max <= 0) {
            svg.emptyNote("nothing to show");
            return svg.finish();
        }
        Axis axis = Axis.covering(0, max, 5);
        svg.valueAxis(axis, yLabel);
        double slot = SvgWriter.plotWidth() / categories.size();
        double groupWidth = slot * 0.8;
        int index = 0;
        for (Map.Entry<String, List<Map<String, Double>>> category : categories.entrySet()) {
            double left = SvgWriter.LEFT + index * slot + (slot - groupWidth) / 2;
            svg.text(left + groupWidth / 2, SvgWriter.TOP + SvgWriter.plotHeight() + 16, category.getKey(), "middle",
                    "");
            List<Map<String, Double>> trials = category.getValue();
            double barWidth = groupWidth / Math.max(1, trials.size());
            for (int t = 0; t < trials.size(); t++) {
                double base = 0;
                for (int s = 0; s < segments.size(); s++) {
                    double value = trials.get(t).getOrDefault(segments.get(s), 0.0);
                    double top = SvgWriter.y(axis.fraction(base + value));
                    svg.rect(left + t * barWidth, top, barWidth * 0.85, SvgWriter.y(axis.fraction(base)) - top,
                            Palette.colour(s), "bar", category.getKey() + ", trial " + (t + 1) + ", "
                                    + segments.get(s) + ": " + Axis.label(value));
                    base += value;
                }
            }
            index++;
        }
        svg.categoryAxisTitle(xLabel);
        svg.legend(segments);
        return svg.finish();
    }
}
