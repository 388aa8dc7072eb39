package org.c10klab.harness.report.html;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import org.c10klab.harness.experiment.ModelResult;
import org.c10klab.harness.experiment.SweepCell;
import org.c10klab.harness.experiment.SweepResult;
import org.c10klab.harness.experiment.TrialMetric;
import org.c10klab.harness.report.SummaryColumn;
import org.c10klab.harness.report.SweepFormat;
import org.c10klab.harness.report.SweepMatrix;
import org.c10klab.harness.report.Units;
import org.c10klab.harness.report.html.HtmlPage.Chart;
import org.c10klab.harness.report.svg.BarChart;
import org.c10klab.harness.report.svg.LineChart;
import org.c10klab.harness.report.svg.Scale;
import org.c10klab.harness.report.svg.Series;

/** sweep.html: the trends, charts of each model's key numbers against the varied value, the matrices, the machine. */
public final class SweepHtml {

    /** Values spanning at least this ratio go on a logarithmic axis, so 10 and 10 000 both stay readable. */
    private static final double LOG_RATIO = 20;

    private SweepHtml() {
    }

    /** The whole page. */
    public static String render(SweepResult result) {
        HtmlPage page = new HtmlPage("c10k sweep: " + result.parameter())
                .subtitle(HtmlPage.when(result.startedAt(), result.elapsedSeconds()) + ": one comparison per value of "
                        + result.parameter() + ", each model in its own JVM.");
        if (result.partial()) {
            page.warning("Partial: stopped by Ctrl-C; values not reached are missing.");
        }
        if (!result.trends().isEmpty()) {
            page.section("Trends").sentences(result.trends());
        }
        List<Chart> charts = new ArrayList<>(List.of(
                chart(result, "Request p99", "p99 ms", m -> m.median(TrialMetric.REQUEST_P99), true,
                        "Request latency p99 at each value (median over the trials); a missing point means the model "
                                + "answered nothing there."),
                chart(result, "Requests answered", "% of planned", SweepHtml::answeredPercent, false,
                        "Share of the planned (or, for timed floods, sent) requests answered ok (median)."),
                chart(result, "Peak OS threads", "OS threads", m -> m.median(TrialMetric.PEAK_OS_THREADS), true,
                        "The most OS threads the server had at once (median)."),
                chart(result, "Peak memory", "RSS MiB", m -> m.median(TrialMetric.PEAK_RSS) == null ? null
                        : Units.mebibytes(Math.round(m.median(TrialMetric.PEAK_RSS))), false,
                        "The server's largest resident memory (median).")));
        if (SweepMatrix.columns(result).contains(SummaryColumn.GET_HITS)) {
            charts.add(chart(result, "GET hit ratio", "% of ok GETs", m -> m.median(TrialMetric.GET_HIT_RATIO) == null
                    ? null : 100 * m.median(TrialMetric.GET_HIT_RATIO), false,
                    "The share of ok GETs that found their key in the server's LRU store (median): what --keyspace, "
                            + "the key distribution and --store-max-entries leave in it."));
        }
        page.section("Charts").charts(charts);
        page.section("Matrices");
        for (SummaryColumn column : SweepMatrix.columns(result)) {
            List<String> header = SweepMatrix.header(result);
            List<Boolean> numeric = new ArrayList<>(Collections.nCopies(header.size(), true));
            numeric.set(0, false);
            page.paragraph(column.title() + ":").table(header, null, numeric, SweepMatrix.rows(result, column));
        }
        Map<String, String> reports = new LinkedHashMap<>();
        result.cells().forEach(cell -> reports.put(result.parameter() + "=" + cell.value(),
                SweepFormat.folder(result.parameter(), cell.value()) + "/report.html"));
        return page.section("Each value's comparison").links(reports)
                .section("Machine").environment(result.environment())
                .section("Reproduce").code(result.command())
                .finish();
    }

    /**
     * A line per model against numeric values, or grouped bars per value when the values are words.
     *
     * @param logWhenWide put the values on a logarithmic axis when they span {@link #LOG_RATIO} or more
     */
    private static Chart chart(SweepResult result, String title, String yLabel, Function<ModelResult, Double> value,
                               boolean logWhenWide, String caption) {
        List<String> models = SweepMatrix.labels(result);
        List<Double> all = new ArrayList<>();
        for (SweepCell cell : result.cells()) {
            for (String model : models) {
                Double y = measured(cell, model, value);
                if (y != null) {
                    all.add(y);
                }
            }
        }
        Scale yScale = logWhenWide && wide(all) ? Scale.LOG : Scale.LINEAR;
        String yTitle = yScale == Scale.LOG ? yLabel + " (log scale)" : yLabel;
        String chartTitle = title + " by " + result.parameter();
        if (!result.numeric()) {
            Map<String, Map<String, Double>> bars = new LinkedHashMap<>();
            for (SweepCell cell : result.cells()) {
                Map<String, Double> byModel = new LinkedHashMap<>();
                for (String model : models) {
                    Double y = measured(cell, model, value);
                    byModel.put(model, y == null ? 0.0 : y);
                }
                bars.put(cell.value(), byModel);
            }
            return new Chart(BarChart.render(chartTitle, result.parameter(), yTitle, BarChart.Layout.GROUPED, yScale,
                    bars), caption);
        }
        List<Series> series = new ArrayList<>();
        List<Double> xs = new ArrayList<>();
        for (String model : models) {
            List<Series.Point> points = new ArrayList<>();
            for (SweepCell cell : result.cells()) {
                Double y = measured(cell, model, value);
                if (y != null) {
                    double x = Double.parseDouble(cell.value());
                    points.add(new Series.Point(x, y));
                    xs.add(x);
                }
            }
            series.add(new Series(model, points));
        }
        Scale xScale = wide(xs) ? Scale.LOG : Scale.LINEAR;
        return new Chart(LineChart.render(chartTitle, result.parameter() + (xScale == Scale.LOG ? " (log scale)" : ""),
                yTitle, series, xScale, yScale, true), caption);
    }

    private static Double measured(SweepCell cell, String label, Function<ModelResult, Double> value) {
        return SweepMatrix.model(cell, label).filter(model -> !model.counted().isEmpty()).map(value).orElse(null);
    }

    private static boolean wide(List<Double> values) {
        double min = values.stream().mapToDouble(Double::doubleValue).filter(v -> v > 0).min().orElse(0);
        double max = values.stream().mapToDouble(Double::doubleValue).max().orElse(0);
        return min > 0 && max / min >= LOG_RATIO;
    }

    private static Double answeredPercent(ModelResult model) {
        double planned = model.requestsPlanned();
        return planned == 0 ? null : 100.0 * model.median(TrialMetric.REQUESTS_OK) / planned;
    }
}
