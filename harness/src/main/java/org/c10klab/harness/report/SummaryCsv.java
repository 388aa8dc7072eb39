package org.c10klab.harness.report;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;
import org.c10klab.harness.experiment.ModelRun;
import org.c10klab.harness.experiment.ModelSummary;

/** One experiment row per model as CSV, raw numbers for spreadsheets; compare.csv and sweep.csv share it. */
public final class SummaryCsv {

    /** The header row, without a line end. */
    public static final String HEADER = "model,status,server_args,connect_attempts,connects_ok,connect_failures,"
            + "requests_planned,requests_sent,requests_ok,request_failures,unanswered,requests_per_s,connect_p99_ms,"
            + "request_p50_ms,request_p99_ms,request_p999_ms,request_max_ms,os_threads_before,peak_os_threads,"
            + "peak_virtual_threads,peak_rss_bytes,cpu_s,peak_server_connections,elapsed_s,server_exit_code,detail";

    /** Columns of the summary proper: all but model, status, server_args before it and exit code, detail after. */
    private static final int SUMMARY_COLUMNS = HEADER.split(",").length - 5;

    private SummaryCsv() {
    }

    /** The row of {@code run}, without a line end; cells of what was not measured are empty. */
    public static String row(ModelRun run) {
        ModelSummary s = run.summary();
        List<String> cells = new ArrayList<>(List.of(run.model().cliName(), run.status().toString(),
                String.join(" ", run.setup().serverArgs())));
        if (s == null) {
            cells.addAll(Collections.nCopies(SUMMARY_COLUMNS, ""));
        } else {
            cells.addAll(List.of(Long.toString(s.connectAttempts()), Long.toString(s.connectsOk()),
                    outcomes(s.connectFailures()), cell(s.requestsPlanned()), Long.toString(s.requestsSent()),
                    Long.toString(s.requestsOk()), outcomes(s.requestFailures()), Long.toString(s.unanswered()),
                    cell(s.requestsPerSecond()), cell(s.connectP99Ms()), cell(s.requestP50Ms()),
                    cell(s.requestP99Ms()), cell(s.requestP999Ms()), cell(s.requestMaxMs()),
                    cell(s.osThreadsBefore()), cell(s.peakOsThreads()), cell(s.peakVirtualThreads()),
                    cell(s.peakRssBytes()), cell(s.cpuSeconds()), cell(s.peakServerConnections()),
                    cell(s.elapsedSeconds())));
        }
        cells.add(cell(run.serverExitCode()));
        cells.add(run.detail() == null ? "" : run.detail());
        return cells.stream().map(SummaryCsv::quote).collect(Collectors.joining(","));
    }

    /** A CSV cell as written, quoted when it holds a comma, a quote or a line break. */
    public static String quote(String cell) {
        if (cell.contains(",") || cell.contains("\"") || cell.contains("\n") || cell.contains("\r")) {
            return '"' + cell.replace("\"", "\"\"") + '"';
        }
        return cell;
    }

    private static String outcomes(Map<String, Long> byOutcome) {
        return byOutcome.entrySet().stream().map(e -> e.getKey() + "=" + e.getValue()).collect(Collectors.joining(";"));
    }

    private static String cell(Number value) {
        if (value == null) {
            return "";
        }
        double number = value.doubleValue();
        return number == Math.rint(number) && Math.abs(number) < 1e15
                ? Long.toString((long) number) : String.format(Locale.ROOT, "%.3f", number);
    }
}
