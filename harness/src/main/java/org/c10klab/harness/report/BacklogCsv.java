package org.c10klab.harness.report;

import java.util.Arrays;
import java.util.stream.Collectors;
import org.c10klab.harness.experiment.BacklogCell;
import org.c10klab.harness.experiment.BacklogResult;
import org.c10klab.harness.experiment.ClientOutcomes;
import org.c10klab.harness.result.Environment;
import org.c10klab.harness.result.ListenQueueDrops;

/** backlog.csv: one row per cell, with the kernel settings it ran under, for spreadsheets and plots. */
public final class BacklogCsv {

    /** The header row. */
    public static final String HEADER = "server,connections,backlog,effective_backlog,queue_capacity,ok,"
            + "connect_timeout,connected_unanswered,reset,refused,other,connected_at_once,connected_after_retransmit,"
            + "connect_times,listen_overflows,listen_drops,somaxconn,tcp_abort_on_overflow,tcp_syn_linear_timeouts,"
            + "tcp_syncookies,namespace";

    private BacklogCsv() {
    }

    /** The whole file, header first. */
    public static String write(BacklogResult result) {
        StringBuilder csv = new StringBuilder(HEADER).append('\n');
        for (BacklogCell cell : result.cells()) {
            Environment kernel = cell.flood().environment();
            ClientOutcomes clients = cell.clients();
            ListenQueueDrops listenQueue = cell.listenQueue();
            // Arrays.asList: a value the kernel did not give is null, an empty cell.
            csv.append(Csv.row(Arrays.asList(result.settings().server(), cell.connections(), cell.backlog(),
                    cell.effectiveBacklog(), cell.queueCapacity(), clients.ok(), clients.connectTimeout(),
                    clients.connectedUnanswered(), clients.reset(), clients.refused(), clients.other(),
                    cell.connectedAtOnce(), cell.connectedAfterRetransmit(),
                    // Space-separated seconds:count pairs keep the column free of the CSV separator.
                    cell.connectTimes().stream().map(s -> s.seconds() + ":" + s.count())
                            .collect(Collectors.joining(" ")),
                    listenQueue == null ? null : listenQueue.listenOverflows(),
                    listenQueue == null ? null : listenQueue.listenDrops(),
                    kernel.somaxconn(), kernel.tcpAbortOnOverflow(), kernel.tcpSynLinearTimeouts(),
                    kernel.tcpSyncookies(), cell.namespace()))).append('\n');
        }
        return csv.toString();
    }
}
