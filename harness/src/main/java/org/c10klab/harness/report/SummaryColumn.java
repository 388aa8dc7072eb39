package org.c10klab.harness.report;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.Function;
import org.c10klab.harness.experiment.ModelRun;
import org.c10klab.harness.experiment.ModelSummary;

/** The side-by-side columns of an experiment's table, formatted for people; the console and HTML tables share them. */
public enum SummaryColumn {
    MODEL("model", "model", false, run -> run.model().cliName()),
    STATUS("status", "how the model's turn went", false, run -> run.status().toString()),
    CONNECTS("connects", "connection attempts ok / made", true,
            of(s -> s.connectsOk() + "/" + s.connectAttempts())),
    REQUESTS("requests", "requests ok / planned (or sent)", true,
            of(s -> s.requestsOk() + "/" + (s.requestsPlanned() != null ? s.requestsPlanned() : s.requestsSent()))),
    RATE("req/s", "ok requests per second", true,
            of(s -> String.format(Locale.ROOT, "%.0f", s.requestsPerSecond()))),
    CONNECT_P99("conn p99", "connect latency p99, ms", true, of(s -> Units.millis(s.connectP99Ms()))),
    P50("p50", "request latency p50, ms", true, of(s -> Units.millis(s.requestP50Ms()))),
    P99("p99", "request latency p99, ms", true, of(s -> Units.millis(s.requestP99Ms()))),
    P999("p99.9", "request latency p99.9, ms", true, of(s -> Units.millis(s.requestP999Ms()))),
    MAX("max", "request latency max, ms", true, of(s -> Units.millis(s.requestMaxMs()))),
    OS_THREADS("OS thr", "peak OS threads of the server", true, of(s -> Units.count(s.peakOsThreads()))),
    VIRTUAL_THREADS("virt thr", "peak virtual threads of the server", true,
            of(s -> Units.count(s.peakVirtualThreads()))),
    RSS("RSS MiB", "peak resident memory of the server, MiB", true, of(s -> Units.mib(s.peakRssBytes()))),
    CPU("CPU s", "CPU seconds the server used during the flood", true, of(s -> Units.seconds(s.cpuSeconds()))),
    FAILED("failed", "failed by outcome", false, SummaryColumn::failures);

    private final String header;
    private final String title;
    private final boolean numeric;
    private final Function<ModelRun, String> cell;

    SummaryColumn(String header, String title, boolean numeric, Function<ModelRun, String> cell) {
        this.header = header;
        this.title = title;
        this.numeric = numeric;
        this.cell = cell;
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

    /** The cell of {@code run}; {@code -} when it was not measured. */
    public String cell(ModelRun run) {
        return cell.apply(run);
    }

    /** A cell computed from the run's summary; {@code -} for a run that measured nothing. */
    private static Function<ModelRun, String> of(Function<ModelSummary, String> ofSummary) {
        return run -> run.summary() == null ? "-" : ofSummary.apply(run.summary());
    }

    private static String failures(ModelRun run) {
        if (run.summary() == null) {
            return run.detail() == null ? "-" : run.detailLine();
        }
        List<String> failed = new ArrayList<>();
        run.summary().requestFailures().forEach((outcome, count) -> failed.add(count + " " + outcome));
        run.summary().connectFailures().forEach((outcome, count) -> failed.add(count + " connect " + outcome));
        if (run.summary().unanswered() > 0) {
            failed.add(run.summary().unanswered() + " connections never answered");
        }
        return failed.isEmpty() ? "-" : String.join(", ", failed);
    }
}
