package org.c10klab.harness.report;

import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Function;
import org.c10klab.harness.experiment.ModelResult;
import org.c10klab.harness.experiment.ModelRun;
import org.c10klab.harness.experiment.ModelSummary;
import org.c10klab.harness.experiment.TrialMetric;
import org.c10klab.harness.stats.Spread;

/**
 * The side-by-side columns of an experiment's table, one row per model, formatted for people: each figure is the
 * median over the trials that count, latency and throughput with their range ({@code 142 [133-160]}) where the
 * trials differed. The console and HTML tables share them.
 */
public enum SummaryColumn {
    MODEL("model", "model", false, ModelResult::label),
    STATUS("status", "how the model's trials went", false, ModelResult::status),
    CONNECTS("connects", "connection attempts ok / made", true,
            of(m -> ratio(m, TrialMetric.CONNECTS_OK, m.spread(TrialMetric.CONNECT_ATTEMPTS).median()))),
    REQUESTS("requests", "requests ok / planned (or sent)", true,
            of(m -> ratio(m, TrialMetric.REQUESTS_OK, m.requestsPlanned()))),
    RATE("req/s", "ok requests per second", true, spread(TrialMetric.REQUESTS_PER_SECOND, Units::whole)),
    CONNECT_P99("conn p99", "connect latency p99, ms", true, spread(TrialMetric.CONNECT_P99, Units::millis)),
    P50("p50", "request latency p50, ms", true, spread(TrialMetric.REQUEST_P50, Units::millis)),
    P99("p99", "request latency p99, ms", true, spread(TrialMetric.REQUEST_P99, Units::millis)),
    P999("p99.9", "request latency p99.9, ms", true, median(TrialMetric.REQUEST_P999, Units::millis)),
    MAX("max", "request latency max, ms", true, median(TrialMetric.REQUEST_MAX, Units::millis)),
    OS_THREADS("OS thr", "peak OS threads of the server", true, median(TrialMetric.PEAK_OS_THREADS, Units::whole)),
    VIRTUAL_THREADS("virt thr", "peak virtual threads of the server", true,
            median(TrialMetric.PEAK_VIRTUAL_THREADS, Units::whole)),
    RSS("RSS MiB", "peak resident memory of the server, MiB", true,
            median(TrialMetric.PEAK_RSS, bytes -> Units.mib(Math.round(bytes)))),
    CPU("CPU s", "CPU seconds the server used during the flood", true, median(TrialMetric.CPU_SECONDS, Units::seconds)),
    GET_HITS("GET hits", "GETs that found their key in the store's LRU, % of ok GETs", true,
            median(TrialMetric.GET_HIT_RATIO, Units::percent)),
    FAILED("failed", "failed by outcome", false, SummaryColumn::failures);

    private final String header;
    private final String title;
    private final boolean numeric;
    private final Function<ModelResult, String> cell;

    SummaryColumn(String header, String title, boolean numeric, Function<ModelResult, String> cell) {
        this.header = header;
        this.title = title;
        this.numeric = numeric;
        this.cell = cell;
    }

    /** Every column, but {@link #GET_HITS} only when some model's trials sent GETs: most floods send none. */
    public static List<SummaryColumn> shown(List<ModelResult> models) {
        boolean gets = models.stream().anyMatch(model -> model.median(TrialMetric.GET_HIT_RATIO) != null);
        return Arrays.stream(values()).filter(column -> column != GET_HITS || gets).toList();
    }

    /** The short heading of the console table. */
    public String header() {
        return header;
    }

    /** What the column holds, with its unit, for HTML headings and tooltips. */
    public String title() {
        return title;
    }

    /** True for right-aligned numbers. */
    public boolean numeric() {
        return numeric;
    }

    /** The cell of {@code model}; {@code -} when no trial of it counts or the figure was not measured. */
    public String cell(ModelResult model) {
        return cell.apply(model);
    }

    /** A cell computed from a model with counted trials; {@code -} for one that has none. */
    private static Function<ModelResult, String> of(Function<ModelResult, String> ofCounted) {
        return model -> model.counted().isEmpty() ? "-" : ofCounted.apply(model);
    }

    private static Function<ModelResult, String> spread(TrialMetric metric, Function<Double, String> format) {
        return model -> {
            Spread spread = model.spread(metric);
            return spread == null ? "-" : Units.spread(spread.median(), spread.min(), spread.max(), format);
        };
    }

    private static Function<ModelResult, String> median(TrialMetric metric, Function<Double, String> format) {
        return model -> {
            Double median = model.median(metric);
            return median == null ? "-" : format.apply(median);
        };
    }

    /** E.g. {@code 200/200}, or {@code 31/2000 [28-35]} when the trials differed. */
    private static String ratio(ModelResult model, TrialMetric ok, double of) {
        Spread spread = model.spread(ok);
        String range = spread.constant() ? "" : " [" + Units.whole(spread.min()) + "-" + Units.whole(spread.max()) + "]";
        return Units.whole(spread.median()) + "/" + Units.whole(of) + range;
    }

    /** The median of each failure outcome over the counted trials, and in how many trials any failure came. */
    private static String failures(ModelResult model) {
        List<ModelRun> counted = model.counted();
        if (counted.isEmpty()) {
            ModelRun first = model.runs().getFirst();
            return first.detail() == null ? "-" : first.detailLine();
        }
        Map<String, double[]> byOutcome = new LinkedHashMap<>();
        for (int t = 0; t < counted.size(); t++) {
            ModelSummary s = counted.get(t).summary();
            int trial = t;
            s.requestFailures().forEach((outcome, count) -> slot(byOutcome, outcome, counted.size())[trial] = count);
            s.connectFailures().forEach((outcome, count) ->
                    slot(byOutcome, "connect " + outcome, counted.size())[trial] = count);
            if (s.unanswered() > 0) {
                slot(byOutcome, "connections never answered", counted.size())[trial] = s.unanswered();
            }
        }
        List<String> failed = byOutcome.entrySet().stream().filter(e -> Spread.of(e.getValue()).median() > 0)
                .map(e -> Units.whole(Spread.of(e.getValue()).median()) + " " + e.getKey()).toList();
        long failing = counted.stream().filter(run -> !run.summary().answeredEverything()
                || run.summary().unanswered() > 0).count();
        String some = failing > 0 && failing < counted.size()
                ? String.format(Locale.ROOT, "in %d of %d trials", failing, counted.size()) : "";
        if (failed.isEmpty()) {
            return some.isEmpty() ? "-" : "failures " + some;
        }
        return String.join(", ", failed) + (some.isEmpty() ? "" : " (median; failures " + some + ")");
    }

    private static double[] slot(Map<String, double[]> byOutcome, String outcome, int trials) {
        return byOutcome.computeIfAbsent(outcome, key -> new double[trials]);
    }
}
