package org.c10klab.harness.report.html;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import org.c10klab.harness.experiment.CompareResult;
import org.c10klab.harness.experiment.ModelRun;
import org.c10klab.harness.experiment.ModelSetup;
import org.c10klab.harness.experiment.ModelSummary;
import org.c10klab.harness.flood.Outcome;
import org.c10klab.harness.report.FloodDescription;
import org.c10klab.harness.report.SummaryColumn;
import org.c10klab.harness.report.Units;
import org.c10klab.harness.report.html.HtmlPage.Chart;
import org.c10klab.harness.report.svg.BarChart;
import org.c10klab.harness.report.svg.LineChart;
import org.c10klab.harness.report.svg.Scale;
import org.c10klab.harness.report.svg.Series;
import org.c10klab.harness.result.TimelinePoint;
import org.c10klab.server.DurationConverter;

/** report.html of a comparison: the verdict, the table, the charts, the scenario, the machine, and how to rerun it. */
public final class CompareHtml {

    private CompareHtml() {
    }

    /** The whole page. */
    public static String render(CompareResult result) {
        HtmlPage page = new HtmlPage("c10k compare: event loop or threads?")
                .subtitle(HtmlPage.when(result.startedAt(), result.elapsedSeconds())
                        + ". Every model ran in its own JVM, one after another, under the same flood.");
        if (result.partial()) {
            page.warning("Partial: stopped by Ctrl-C; models not reached are marked skipped.");
        }
        List<ModelRun> measured = result.runs().stream().filter(run -> run.summary() != null).toList();
        page.section("Verdict").sentences(result.verdict())
                .section("Side by side");
        table(page, result.runs());
        page.paragraph("Threads, memory and CPU are the server's own, sampled every "
                + DurationConverter.format(result.plan().sampleInterval())
                + " from /proc and its /metrics (answering those scrapes costs it some CPU too).")
                .section("Charts")
                .charts(charts(measured))
                .section("Scenario")
                .paragraph("Flood: " + FloodDescription.of(result.plan().flood()) + ".");
        for (ModelSetup setup : result.plan().models()) {
            if (result.plan().capOf(setup.model()) != null) {
                page.paragraph(setup.model() + ": " + FloodDescription.cap(result.plan().capOf(setup.model())) + ".");
            }
        }
        if (result.plan().warmup() != null) {
            page.paragraph("Before it, each server got an unmeasured warm-up: "
                    + FloodDescription.of(result.plan().warmup()) + ".");
        }
        page.table(List.of("model", "server command", "status", "detail"), null, List.of(false, false, false, false),
                result.runs().stream().map(run -> List.of(run.model().cliName(), command(run),
                        run.status().toString(), run.detail() == null ? "" : run.detail())).toList());
        return page.section("Machine").environment(result.environment())
                .section("Reproduce").code(result.command())
                .paragraph("Each model's full results (results.json, results.csv, metrics.prom, latency.hlog) are in "
                        + "the folder named after it, next to this file.")
                .finish();
    }

    private static void table(HtmlPage page, List<ModelRun> runs) {
        List<SummaryColumn> columns = Arrays.asList(SummaryColumn.values());
        page.table(columns.stream().map(SummaryColumn::header).toList(),
                columns.stream().map(SummaryColumn::title).toList(),
                columns.stream().map(SummaryColumn::numeric).toList(),
                runs.stream().map(run -> columns.stream().map(column -> column.cell(run)).toList()).toList());
    }

    private static List<Chart> charts(List<ModelRun> measured) {
        List<Chart> charts = new ArrayList<>();
        charts.add(new Chart(BarChart.render("Request latency by model", "model", "ms (log scale)",
                BarChart.Layout.GROUPED, Scale.LOG, latencies(measured)),
                "Percentiles of the time from sending a request to its reply. Each step up the axis is ten times "
                        + "slower."));
        charts.add(new Chart(BarChart.render("Requests by outcome", "model", "requests", BarChart.Layout.STACKED,
                requestOutcomes(measured)),
                "How every planned request ended; 'never sent' were planned on a connection that had already failed."));
        charts.add(new Chart(BarChart.render("Connections: served, never answered, failed", "model", "connections",
                BarChart.Layout.STACKED, connectionOutcomes(measured)),
                "'never answered': connected (the kernel completed the handshake and queued it), yet the server "
                        + "never replied on it. Connected is not served."));
        charts.add(new Chart(LineChart.render("Open connections over time (clients' view)", "seconds into the flood",
                "connections", timelines(measured, point -> (double) point.connectionsOpen(), Double.MAX_VALUE)),
                "Connections the flood held open, over each model's whole flood: a connection waiting in the "
                        + "accept queue counts as open here."));
        TimeWindow window = TimeWindow.of(measured);
        charts.add(new Chart(LineChart.render("Server OS threads over time" + window.titleSuffix(),
                "seconds into the flood", "OS threads", timelines(measured, point -> point.target() == null ? null
                        : toDouble(point.target().threads()), window.seconds())),
                "Threads of the server process (/proc/PID/status) while the flood ran." + window.note()));
        charts.add(new Chart(LineChart.render("Connections the server held over time" + window.titleSuffix(),
                "seconds into the flood", "connections", timelines(measured, point -> point.target() == null ? null
                        : point.target().connections(), window.seconds())),
                "The server's own count (server_connections_active on its /metrics): only what it accepted."
                        + window.note()));
        charts.add(new Chart(LineChart.render("Server memory over time" + window.titleSuffix(),
                "seconds into the flood", "RSS MiB", timelines(measured, point -> point.target() == null
                        || point.target().rssBytes() == null ? null : Units.mebibytes(point.target().rssBytes()),
                        window.seconds())),
                "Resident memory of the server process (/proc/PID/status VmRSS)." + window.note()));
        return charts;
    }

    private static Map<String, Map<String, Double>> latencies(List<ModelRun> measured) {
        Map<String, Map<String, Double>> bars = new LinkedHashMap<>();
        for (ModelRun run : measured) {
            ModelSummary s = run.summary();
            if (s.requestsOk() == 0) {
                continue;
            }
            Map<String, Double> percentiles = new LinkedHashMap<>();
            percentiles.put("p50", s.requestP50Ms());
            percentiles.put("p99", s.requestP99Ms());
            percentiles.put("p99.9", s.requestP999Ms());
            percentiles.put("max", s.requestMaxMs());
            bars.put(run.model().cliName(), percentiles);
        }
        return bars;
    }

    private static Map<String, Map<String, Double>> requestOutcomes(List<ModelRun> measured) {
        Map<String, Map<String, Double>> bars = new LinkedHashMap<>();
        for (ModelRun run : measured) {
            ModelSummary s = run.summary();
            Map<String, Double> segments = new LinkedHashMap<>();
            for (Outcome outcome : Outcome.values()) {
                long count = outcome == Outcome.OK ? s.requestsOk()
                        : s.requestFailures().getOrDefault(outcome.label(), 0L);
                segments.put(outcome.label(), (double) count);
            }
            segments.put("never sent", s.requestsPlanned() == null ? 0.0
                    : (double) Math.max(0, s.requestsPlanned() - s.requestsSent()));
            bars.put(run.model().cliName(), segments);
        }
        return withoutEmptySegments(bars);
    }

    private static Map<String, Map<String, Double>> connectionOutcomes(List<ModelRun> measured) {
        Map<String, Map<String, Double>> bars = new LinkedHashMap<>();
        for (ModelRun run : measured) {
            ModelSummary s = run.summary();
            Map<String, Double> segments = new LinkedHashMap<>();
            segments.put("served", (double) (s.connectsOk() - s.unanswered()));
            segments.put("never answered", (double) s.unanswered());
            for (Outcome outcome : Outcome.values()) {
                if (outcome != Outcome.OK) {
                    segments.put(outcome.label(), (double) s.connectFailures().getOrDefault(outcome.label(), 0L));
                }
            }
            bars.put(run.model().cliName(), segments);
        }
        return withoutEmptySegments(bars);
    }

    /** Drops segments that are zero for every model, so the legend lists only what happened. */
    private static Map<String, Map<String, Double>> withoutEmptySegments(Map<String, Map<String, Double>> bars) {
        List<String> present = bars.values().stream().flatMap(m -> m.entrySet().stream())
                .filter(e -> e.getValue() > 0).map(Map.Entry::getKey).distinct().toList();
        Map<String, Map<String, Double>> kept = new LinkedHashMap<>();
        bars.forEach((model, segments) -> {
            Map<String, Double> filtered = new LinkedHashMap<>();
            segments.forEach((name, value) -> {
                if (present.contains(name)) {
                    filtered.put(name, value);
                }
            });
            kept.put(model, filtered);
        });
        return kept;
    }

    /**
     * One line per model of {@code value} over its flood's timeline up to {@code untilSeconds}, skipping points
     * where it was not sampled.
     */
    private static List<Series> timelines(List<ModelRun> measured, Function<TimelinePoint, Double> value,
                                          double untilSeconds) {
        List<Series> series = new ArrayList<>();
        for (ModelRun run : measured) {
            List<Series.Point> points = new ArrayList<>();
            for (TimelinePoint point : run.artifacts().result().timeline()) {
                Double y = value.apply(point);
                if (y != null && point.elapsedSeconds() <= untilSeconds) {
                    points.add(new Series.Point(point.elapsedSeconds(), y));
                }
            }
            series.add(new Series(run.model().cliName(), points));
        }
        return series;
    }

    private static String command(ModelRun run) {
        return run.setup().serverCommand() + (run.server() == null ? "" : "  (" + run.server().format() + ")");
    }

    private static Double toDouble(Long value) {
        return value == null ? null : value.doubleValue();
    }
}
