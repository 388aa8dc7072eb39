package org.c10klab.harness.report.html;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Function;
import org.c10klab.harness.experiment.CompareResult;
import org.c10klab.harness.experiment.ModelResult;
import org.c10klab.harness.experiment.ModelRun;
import org.c10klab.harness.experiment.ModelSetup;
import org.c10klab.harness.experiment.ModelSummary;
import org.c10klab.harness.experiment.TrialMetric;
import org.c10klab.harness.flood.Outcome;
import org.c10klab.harness.report.CompareFormat;
import org.c10klab.harness.report.FloodDescription;
import org.c10klab.harness.report.NoiseDescription;
import org.c10klab.harness.report.SummaryColumn;
import org.c10klab.harness.report.Units;
import org.c10klab.harness.report.html.HtmlPage.Chart;
import org.c10klab.harness.report.svg.BarChart;
import org.c10klab.harness.report.svg.LineChart;
import org.c10klab.harness.report.svg.Scale;
import org.c10klab.harness.report.svg.Series;
import org.c10klab.harness.result.TimelinePoint;
import org.c10klab.harness.stats.Claim;
import org.c10klab.server.DurationConverter;

/**
 * report.html of a comparison: the verdict, the table, the charts, the claims, the machine's noise, every trial,
 * the scenario, the machine, and how to rerun it.
 */
public final class CompareHtml {

    private CompareHtml() {
    }

    /** The whole page. */
    public static String render(CompareResult result) {
        HtmlPage page = new HtmlPage("c10k compare: event loop or threads?")
                .subtitle(HtmlPage.when(result.startedAt(), result.elapsedSeconds()) + ". " + (result.repeat() > 1
                        ? "Every model ran " + result.repeat() + " times, each trial in a fresh JVM, in rounds that "
                                + "ran every model once, under the same flood."
                        : "Every model ran in its own JVM, one after another, under the same flood."));
        if (result.partial()) {
            page.warning("Partial: stopped by Ctrl-C; trials not reached are marked skipped.");
        }
        List<ModelResult> measured = result.models().stream().filter(model -> !model.counted().isEmpty()).toList();
        page.section("Verdict").sentences(result.verdict())
                .section("Side by side");
        table(page, result.models());
        page.paragraph((result.repeat() > 1 ? "Each figure is the median over the trials, latency and throughput "
                        + "with [min-max]. " : "") + "Threads, memory and CPU are the server's own, sampled every "
                        + DurationConverter.format(result.plan().sampleInterval())
                        + " from /proc and its /metrics (answering those scrapes costs it some CPU too).");
        page.section("Charts").charts(charts(measured, result.repeat()));
        claims(page, result);
        page.section("Machine noise").sentences(NoiseDescription.of(result.noise(), result.environment().cores()));
        trials(page, result);
        page.section("Scenario").paragraph("Flood: " + FloodDescription.of(result.plan().flood()) + ".");
        for (ModelSetup setup : result.plan().models()) {
            if (result.plan().capOf(setup.model()) != null) {
                page.paragraph(setup.label() + ": " + FloodDescription.cap(result.plan().capOf(setup.model())) + ".");
            }
        }
        if (result.plan().warmup() != null) {
            page.paragraph("Before it, each server got an unmeasured warm-up: "
                    + FloodDescription.of(result.plan().warmup()) + ".");
        }
        page.table(List.of("model", "server command", "status"), null, List.of(false, false, false),
                result.models().stream().map(model -> List.of(model.label(), model.setup().serverCommand(),
                        model.status())).toList());
        return page.section("Machine").environment(result.environment())
                .section("Reproduce").code(result.command())
                .paragraph("Each trial's full results (results.json, results.csv, commands.csv, metrics.prom, latency.hlog, report.html) are in "
                        + "its folder next to this file, e.g. " + example(result) + ".")
                .finish();
    }

    private static void table(HtmlPage page, List<ModelResult> models) {
        List<SummaryColumn> columns = SummaryColumn.shown(models);
        page.table(columns.stream().map(SummaryColumn::header).toList(),
                columns.stream().map(SummaryColumn::title).toList(),
                columns.stream().map(SummaryColumn::numeric).toList(),
                models.stream().map(model -> columns.stream().map(column -> column.cell(model)).toList()).toList());
    }

    /** Every claim, significant or not, as compare.json lists them. */
    private static void claims(HtmlPage page, CompareResult result) {
        page.section("Claims");
        if (result.claims().isEmpty()) {
            page.paragraph("None: a claim needs at least two counted trials of each model (--repeat).");
            return;
        }
        page.paragraph("Each pair of models on each figure: Welch's t-test on the logarithms of the trials, the ratio "
                + "of geometric means (worse over better, or better over worse for req/s) with its 99% interval, and "
                + "the p-value after Holm's correction over every claim. Significant: the corrected p is under 0.01.");
        page.table(List.of("figure", "better", "worse", "ratio [99% interval]", "trials", "p", "Holm p", "significant"),
                null, List.of(false, false, false, true, true, true, true, false),
                result.claims().stream().map(CompareHtml::claimRow).toList());
    }

    private static List<String> claimRow(Claim claim) {
        return List.of(claim.label(), claim.better(), claim.worse(), Units.factor(claim.ratio()) + "x "
                        + Units.interval(claim.interval().get(0), claim.interval().get(1)),
                claim.trials().get(0) + " / " + claim.trials().get(1), pValue(claim.pValue()),
                pValue(claim.adjustedPValue()), claim.significant() ? "yes" : "no");
    }

    /** One row per trial in the order they ran, with the load before it: where the noise came from. */
    private static void trials(HtmlPage page, CompareResult result) {
        page.table(List.of("order", "model", "trial", "load before", "status", "req/s", "p99 ms", "detail"), null,
                List.of(true, false, true, true, false, true, true, false),
                result.trials().stream().map(run -> List.of(Integer.toString(run.order()), run.label(),
                        Integer.toString(run.trial()), run.loadAverage1m() == null ? "-"
                                : String.format(Locale.ROOT, "%.2f", run.loadAverage1m()), run.status().toString(),
                        run.summary() == null ? "-" : Units.whole(run.summary().requestsPerSecond()),
                        run.summary() == null ? "-" : Units.millis(run.summary().requestP99Ms()),
                        run.detail() == null ? "" : run.detailLine())).toList());
    }

    private static List<Chart> charts(List<ModelResult> measured, int repeat) {
        String spread = repeat > 1 ? " Bars are medians over the trials; the whisker spans the lowest to the highest "
                + "trial, and each dot is one trial." : "";
        List<Chart> charts = new ArrayList<>();
        charts.add(new Chart(BarChart.renderTrials("Request latency by model", "model", "ms (log scale)", Scale.LOG,
                trialBars(measured, List.of(TrialMetric.REQUEST_P50, TrialMetric.REQUEST_P99, TrialMetric.REQUEST_P999,
                        TrialMetric.REQUEST_MAX))),
                "Percentiles of the time from sending a request to its reply. Each step up the axis is ten times "
                        + "slower." + spread));
        charts.add(new Chart(BarChart.renderTrials("Throughput by model", "model", "ok requests per second",
                Scale.LINEAR, trialBars(measured, List.of(TrialMetric.REQUESTS_PER_SECOND))),
                "Requests answered ok per second of the flood." + spread));
        String averaged = repeat > 1 ? " Averaged over the trials." : "";
        charts.add(new Chart(BarChart.render("Requests by outcome", "model", "requests", BarChart.Layout.STACKED,
                requestOutcomes(measured)),
                "How every planned request ended; 'never sent' were planned on a connection that had already failed."
                        + averaged));
        charts.add(new Chart(BarChart.render("Connections: served, never answered, failed", "model", "connections",
                BarChart.Layout.STACKED, connectionOutcomes(measured)),
                "'never answered': connected (the kernel completed the handshake and queued it), yet the server "
                        + "never replied on it. Connected is not served." + averaged));
        List<ModelRun> shown = measured.stream().map(ModelResult::representative).toList();
        String which = repeat > 1 ? " Each model's line is its median trial by request p99." : "";
        charts.add(new Chart(LineChart.render("Open connections over time (clients' view)", "seconds into the flood",
                "connections", timelines(shown, point -> (double) point.connectionsOpen(), Double.MAX_VALUE)),
                "Connections the flood held open, over each model's whole flood: a connection waiting in the "
                        + "accept queue counts as open here." + which));
        TimeWindow window = TimeWindow.of(shown);
        charts.add(new Chart(LineChart.render("Server OS threads over time" + window.titleSuffix(),
                "seconds into the flood", "OS threads", timelines(shown, point -> point.target() == null ? null
                        : toDouble(point.target().threads()), window.seconds())),
                "Threads of the server process (/proc/PID/status) while the flood ran." + window.note() + which));
        charts.add(new Chart(LineChart.render("Connections the server held over time" + window.titleSuffix(),
                "seconds into the flood", "connections", timelines(shown, point -> point.target() == null ? null
                        : point.target().connections(), window.seconds())),
                "The server's own count (server_connections_active on its /metrics): only what it accepted."
                        + window.note() + which));
        charts.add(new Chart(LineChart.render("Server memory over time" + window.titleSuffix(),
                "seconds into the flood", "RSS MiB", timelines(shown, point -> point.target() == null
                        || point.target().rssBytes() == null ? null : Units.mebibytes(point.target().rssBytes()),
                        window.seconds())),
                "Resident memory of the server process (/proc/PID/status VmRSS)." + window.note() + which));
        return charts;
    }

    /** Per model, per figure, the values of the trials that measured it; a model that measured none is left out. */
    private static Map<String, Map<String, double[]>> trialBars(List<ModelResult> measured, List<TrialMetric> metrics) {
        Map<String, Map<String, double[]>> bars = new LinkedHashMap<>();
        for (ModelResult model : measured) {
            Map<String, double[]> figures = new LinkedHashMap<>();
            for (TrialMetric metric : metrics) {
                double[] values = model.measuredValues(metric);
                if (values.length > 0) {
                    figures.put(metric.metric().label().replace("request ", ""), values);
                }
            }
            if (!figures.isEmpty()) {
                bars.put(model.label(), figures);
            }
        }
        return bars;
    }

    private static Map<String, Map<String, Double>> requestOutcomes(List<ModelResult> measured) {
        return averaged(measured, s -> {
            Map<String, Double> segments = new LinkedHashMap<>();
            for (Outcome outcome : Outcome.values()) {
                long count = outcome == Outcome.OK ? s.requestsOk()
                        : s.requestFailures().getOrDefault(outcome.label(), 0L);
                segments.put(outcome.label(), (double) count);
            }
            segments.put("never sent", s.requestsPlanned() == null ? 0.0
                    : (double) Math.max(0, s.requestsPlanned() - s.requestsSent()));
            return segments;
        });
    }

    private static Map<String, Map<String, Double>> connectionOutcomes(List<ModelResult> measured) {
        return averaged(measured, s -> {
            Map<String, Double> segments = new LinkedHashMap<>();
            segments.put("served", (double) (s.connectsOk() - s.unanswered()));
            segments.put("never answered", (double) s.unanswered());
            for (Outcome outcome : Outcome.values()) {
                if (outcome != Outcome.OK) {
                    segments.put(outcome.label(), (double) s.connectFailures().getOrDefault(outcome.label(), 0L));
                }
            }
            return segments;
        });
    }

    /**
     * Per model, the mean of each segment over its counted trials: means, unlike medians, still add up to the
     * whole, as stacked bars need. Segments that are zero for every model are dropped, so the legend lists only
     * what happened.
     */
    private static Map<String, Map<String, Double>> averaged(List<ModelResult> measured,
                                                            Function<ModelSummary, Map<String, Double>> segmentsOf) {
        Map<String, Map<String, Double>> bars = new LinkedHashMap<>();
        for (ModelResult model : measured) {
            Map<String, Double> sums = new LinkedHashMap<>();
            List<ModelRun> counted = model.counted();
            for (ModelRun run : counted) {
                segmentsOf.apply(run.summary()).forEach((name, value) -> sums.merge(name, value, Double::sum));
            }
            sums.replaceAll((name, sum) -> sum / counted.size());
            bars.put(model.label(), sums);
        }
        List<String> present = bars.values().stream().flatMap(m -> m.entrySet().stream())
                .filter(e -> e.getValue() > 0).map(Map.Entry::getKey).distinct().toList();
        bars.values().forEach(segments -> segments.keySet().retainAll(present));
        return bars;
    }

    /**
     * One line per trial shown of {@code value} over its flood's timeline up to {@code untilSeconds}, skipping
     * points where it was not sampled.
     */
    private static List<Series> timelines(List<ModelRun> shown, Function<TimelinePoint, Double> value,
                                          double untilSeconds) {
        List<Series> series = new ArrayList<>();
        for (ModelRun run : shown) {
            List<Series.Point> points = new ArrayList<>();
            for (TimelinePoint point : run.artifacts().result().timeline()) {
                Double y = value.apply(point);
                if (y != null && point.elapsedSeconds() <= untilSeconds) {
                    points.add(new Series.Point(point.elapsedSeconds(), y));
                }
            }
            series.add(new Series(run.label(), points));
        }
        return series;
    }

    private static String example(CompareResult result) {
        return result.trials().stream().filter(run -> run.artifacts() != null).findFirst()
                .map(CompareFormat::trialFolder).orElse("netty/trial-1");
    }

    private static String pValue(double p) {
        return p < 0.0001 ? String.format(Locale.ROOT, "%.1e", p) : String.format(Locale.ROOT, "%.4f", p);
    }

    private static Double toDouble(Long value) {
        return value == null ? null : value.doubleValue();
    }
}
