package org.c10klab.harness.report;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
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
            + "peak_virtual_threads,peak_rss_bytes,cpu_s,peak_server_connections,elapsed_s,get_hit_ratio,"
            + "server_exit_code,detail";

    /** Columns of the summary proper: all but model, status, server_args before it and exit code, detail after. */
    private static final int SUMMARY_COLUMNS = HEADER.split(",").length - 5;

    private SummaryCsv() {
    }

    /** The row of {@code run}, without a line end; cells of what was not measured are empty. */
    public static String row(ModelRun run) {
        ModelSummary s = run.summary();
        List<Object> cells = new ArrayList<>(List.of(run.model().cliName(), run.status().toString(),
                String.join(" ", run.setup().serverArgs())));
        if (s == null) {
            cells.addAll(Collections.nCopies(SUMMARY_COLUMNS, ""));
        } else {
            // Arrays.asList: what was not sampled is null, an empty cell.
            cells.addAll(Arrays.asList(s.connectAttempts(), s.connectsOk(), outcomes(s.connectFailures()),
                    s.requestsPlanned(), s.requestsSent(), s.requestsOk(), outcomes(s.requestFailures()),
                    s.unanswered(), s.requestsPerSecond(), s.connectP99Ms(), s.requestP50Ms(), s.requestP99Ms(),
                    s.requestP999Ms(), s.requestMaxMs(), s.osThreadsBefore(), s.peakOsThreads(),
                    s.peakVirtualThreads(), s.peakRssBytes(), s.cpuSeconds(), s.peakServerConnections(),
                    s.elapsedSeconds(), s.getHitRatio()));
        }
        cells.add(run.serverExitCode());
        cells.add(run.detail());
        return Csv.row(cells);
    }

    private static String outcomes(Map<String, Long> byOutcome) {
        return byOutcome.entrySet().stream().map(e -> e.getKey() + "=" + e.getValue()).collect(Collectors.joining(";"));
    }
}
