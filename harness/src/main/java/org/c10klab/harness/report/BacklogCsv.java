package org.c10klab.harness.report;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Collectors;
import org.c10klab.harness.experiment.BacklogCell;
import org.c10klab.harness.experiment.BacklogResult;
import org.c10klab.harness.experiment.BacklogRun;
import org.c10klab.harness.experiment.ClientOutcomes;
import org.c10klab.harness.result.Environment;
import org.c10klab.harness.result.ListenQueueDrops;

/**
 * backlog.csv: one row per trial, with the kernel's evidence read during it and the kernel settings it ran
 * under, for spreadsheets and plots.
 */
public final class BacklogCsv {

    /** The header row. */
    public static final String HEADER = "server,connections,backlog,trial,effective_backlog,queue_capacity,ok,"
            + "connected,connect_timeout,connected_unanswered,reset,refused,other,connected_at_once,"
            + "connected_after_retransmit,connect_times,listen_overflows,listen_drops," + HandshakeColumns.HEADER
            + ",somaxconn,tcp_abort_on_overflow,tcp_syn_linear_timeouts,tcp_syncookies,namespace";

    private BacklogCsv() {
    }

    /** The whole file, header first. */
    public static String write(BacklogResult result) {
        StringBuilder csv = new StringBuilder(HEADER).append('\n');
        for (BacklogCell cell : result.cells()) {
            for (BacklogRun run : cell.runs()) {
                csv.append(row(result, run)).append('\n');
            }
        }
        return csv.toString();
    }

    private static String row(BacklogResult result, BacklogRun run) {
        Environment kernel = run.flood().environment();
        ClientOutcomes clients = run.clients();
        ListenQueueDrops listenQueue = run.listenQueue();
        // Arrays.asList: a value the kernel did not give is null, an empty cell.
        List<Object> cells = new ArrayList<>(Arrays.asList(result.settings().server(), run.connections(),
                run.backlog(), run.trial(), run.effectiveBacklog(), run.queueCapacity(), clients.ok(), run.connected(),
                clients.connectTimeout(), clients.connectedUnanswered(), clients.reset(), clients.refused(),
                clients.other(), run.connectedAtOnce(), run.connectedAfterRetransmit(),
                // Space-separated seconds:count pairs keep the column free of the CSV separator.
                run.connectTimes().stream().map(s -> s.seconds() + ":" + s.count()).collect(Collectors.joining(" ")),
                listenQueue == null ? null : listenQueue.listenOverflows(),
                listenQueue == null ? null : listenQueue.listenDrops()));
        cells.addAll(HandshakeColumns.values(run.handshakes()));
        cells.addAll(Arrays.asList(kernel.somaxconn(), kernel.tcpAbortOnOverflow(), kernel.tcpSynLinearTimeouts(),
                kernel.tcpSyncookies(), run.namespace()));
        return Csv.row(cells);
    }
}
