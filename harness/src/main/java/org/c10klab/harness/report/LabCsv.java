package org.c10klab.harness.report;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.c10klab.harness.experiment.ClientOutcomes;
import org.c10klab.harness.experiment.LabCell;
import org.c10klab.harness.experiment.LabResult;
import org.c10klab.harness.experiment.LabRun;
import org.c10klab.harness.result.ListenQueueDrops;
import org.c10klab.harness.result.TargetSample;

/** lab.csv: one row per trial of every stage's runs, with the kernel's evidence and the server's samples. */
public final class LabCsv {

    /** The header row. */
    public static final String HEADER = "stage,model,clients,backlog,effective_backlog,trial,ok,connected,"
            + "connect_timeout,connected_unanswered,reset,refused,other,listen_overflows," + HandshakeColumns.HEADER
            + ",reply_p50_ms,reply_max_ms,connect_p99_ms,threads_before,threads_peak,platform_threads_peak,"
            + "virtual_threads_peak,rss_before_bytes,rss_peak_bytes,cpu_s";

    private LabCsv() {
    }

    /** The whole file, header first. */
    public static String write(LabResult result) {
        StringBuilder csv = new StringBuilder(HEADER).append('\n');
        for (LabCell cell : result.cells()) {
            for (LabRun run : cell.runs()) {
                csv.append(row(run)).append('\n');
            }
        }
        return csv.toString();
    }

    private static String row(LabRun run) {
        ClientOutcomes clients = run.outcomes();
        ListenQueueDrops listenQueue = run.flood().listenQueue();
        TargetSample first = run.first();
        TargetSample peak = run.peak();
        // Arrays.asList: a value that was not measured is null, an empty cell.
        List<Object> cells = new ArrayList<>(Arrays.asList(run.stage(), run.model(), run.clients(),
                run.requestedBacklog(), run.effectiveBacklog(), run.trial(), clients.ok(), run.connected(),
                clients.connectTimeout(), clients.connectedUnanswered(), clients.reset(), clients.refused(),
                clients.other(), listenQueue == null ? null : listenQueue.listenOverflows()));
        cells.addAll(HandshakeColumns.values(run.handshakes()));
        cells.addAll(Arrays.asList(run.flood().requestLatency().p50Ms(), run.flood().requestLatency().maxMs(),
                run.flood().connectLatency().p99Ms(), first.threads(), peak.threads(), peak.platformThreads(),
                peak.virtualThreads(), first.rssBytes(), peak.rssBytes(), run.cpuSeconds()));
        return Csv.row(cells);
    }
}
