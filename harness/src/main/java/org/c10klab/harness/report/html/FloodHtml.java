package org.c10klab.harness.report.html;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.Function;
import java.util.function.ToDoubleFunction;
import org.c10klab.harness.flood.Outcome;
import org.c10klab.harness.report.FloodDescription;
import org.c10klab.harness.report.Units;
import org.c10klab.harness.report.svg.LineChart;
import org.c10klab.harness.report.svg.Series;
import org.c10klab.harness.result.CheckResult;
import org.c10klab.harness.result.FloodResult;
import org.c10klab.harness.result.LatencySummary;
import org.c10klab.harness.result.TargetSample;
import org.c10klab.harness.result.TimelinePoint;
import org.c10klab.harness.run.RunArtifacts;

/**
 * report.html of one flood: how every attempt and request ended, latency, and the run over time (rate, latency
 * percentiles, outcomes, the target's threads and memory).
 */
public final class FloodHtml {

    private FloodHtml() {
    }

    /** The whole page. */
    public static String render(RunArtifacts artifacts) {
        FloodResult result = artifacts.result();
        HtmlPage page = new HtmlPage("c10k flood: " + result.config().target())
                .subtitle(HtmlPage.when(result.run().startedAt(), result.run().elapsedSeconds()) + ". "
                        + FloodDescription.of(result.config()) + ".");
        if (result.run().partial()) {
            page.warning("Partial: stopped (" + result.run().endReason() + ") before the flood's end.");
        }
        page.section("Outcomes");
        outcomes(page, result);
        page.sentences(result.notes());
        checks(page, result.checks());
        page.section("Latency");
        latency(page, result);
        page.section("Over time").charts(charts(artifacts));
        return page.section("Machine").environment(result.environment())
                .paragraph("The same run as data, next to this file: results.json (everything), results.csv (the "
                        + "timeline), commands.csv (per command), metrics.prom, latency.hlog (every interval's histogram).")
                .finish();
    }

    private static void outcomes(HtmlPage page, FloodResult result) {
        List<List<String>> rows = new ArrayList<>();
        for (Outcome outcome : Outcome.values()) {
            long connects = result.connections().count(outcome);
            long requests = result.requests().count(outcome);
            if (connects + requests > 0) {
                rows.add(List.of(outcome.label(), Long.toString(connects), Long.toString(requests)));
            }
        }
        rows.add(List.of("total", Long.toString(result.connections().total()),
                Long.toString(result.requests().total())));
        page.table(List.of("outcome", "connection attempts", "requests"), null, List.of(false, true, true), rows)
                .paragraph(String.format(Locale.ROOT, "%.1f ok requests/s over the run.",
                        result.requestsPerSecond()));
    }

    private static void checks(HtmlPage page, List<CheckResult> checks) {
        if (!checks.isEmpty()) {
            page.table(List.of("--assert", "verdict", "actual"), null, List.of(false, false, false), checks.stream()
                    .map(c -> List.of(c.expression(), c.passed() ? "PASS" : "FAIL", c.actual())).toList());
        }
    }

    private static void latency(HtmlPage page, FloodResult result) {
        List<List<String>> rows = new ArrayList<>(List.of(latencyRow("connect", result.connectLatency()),
                latencyRow("request", result.requestLatency())));
        // A mix also shows each command alone, so a slow SET cannot hide among fast GETs.
        if (result.commands().size() > 1) {
            result.commands().forEach(command -> rows.add(latencyRow(command.command(), command.latency())));
        }
        page.table(List.of("ms", "count", "p50", "p90", "p99", "p99.9", "max"), null,
                List.of(false, true, true, true, true, true, true), rows);
    }

    private static List<String> latencyRow(String name, LatencySummary latency) {
        return List.of(name, Long.toString(latency.count()), Units.millis(latency.p50Ms()),
                Units.millis(latency.p90Ms()), Units.millis(latency.p99Ms()), Units.millis(latency.p999Ms()),
                Units.millis(latency.maxMs()));
    }

    private static List<HtmlPage.Chart> charts(RunArtifacts artifacts) {
        List<TimelinePoint> timeline = artifacts.result().timeline();
        List<HtmlPage.Chart> charts = new ArrayList<>();
        charts.add(new HtmlPage.Chart(LineChart.render("ok requests per second", "seconds", "req/s",
                List.of(series("ok req/s", timeline, TimelinePoint::requestsPerSecond))),
                "Rate of ok replies in each sampling interval."));
        charts.add(new HtmlPage.Chart(LineChart.render("request latency", "seconds", "ms",
                LatencyOverTime.of(artifacts.histogramLog(), "request")),
                "Percentiles of each interval's replies, from latency.hlog: a cold start or a stall shows as a peak."));
        charts.add(new HtmlPage.Chart(LineChart.render("outcomes so far", "seconds", "count", List.of(
                        series("connects ok", timeline, TimelinePoint::connectsOk),
                        series("connects failed", timeline, TimelinePoint::connectsFailed),
                        series("requests ok", timeline, TimelinePoint::requestsOk),
                        series("requests failed", timeline, TimelinePoint::requestsFailed),
                        series("connections open", timeline, TimelinePoint::connectionsOpen))),
                "Cumulative counts; connections open is the number at each moment."));
        List<TimelinePoint> sampled = timeline.stream().filter(p -> p.target() != null).toList();
        if (!sampled.isEmpty()) {
            charts.add(new HtmlPage.Chart(LineChart.render("target threads", "seconds", "threads", List.of(
                            targetSeries("OS threads", sampled, TargetSample::threads))),
                    "The target's OS threads (/proc/PID/status); one per connection in a thread model."));
            charts.add(new HtmlPage.Chart(LineChart.render("target memory", "seconds", "MiB", List.of(
                            targetSeries("RSS", sampled, s -> s.rssBytes() == null ? null
                                    : Units.mebibytes(s.rssBytes())))),
                    "The target's resident memory (/proc/PID/status VmRSS)."));
        }
        return charts;
    }

    private static Series series(String name, List<TimelinePoint> timeline, ToDoubleFunction<TimelinePoint> value) {
        return new Series(name, timeline.stream()
                .map(p -> new Series.Point(p.elapsedSeconds(), value.applyAsDouble(p))).toList());
    }

    /** The points where {@code value} was sampled. */
    private static Series targetSeries(String name, List<TimelinePoint> sampled,
                                       Function<TargetSample, Number> value) {
        return new Series(name, sampled.stream().filter(p -> value.apply(p.target()) != null)
                .map(p -> new Series.Point(p.elapsedSeconds(), value.apply(p.target()).doubleValue())).toList());
    }
}
