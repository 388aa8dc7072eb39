package org.c10klab.harness.report;

import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import org.c10klab.harness.experiment.HandshakeEvidence;
import org.c10klab.harness.result.PortSockets;

/** The kernel's evidence of one trial's handshakes as CSV columns, the same in backlog.csv and lab.csv. */
final class HandshakeColumns {

    /** The columns' names, comma-separated, to splice into a header. */
    static final String HEADER = "syn_retransmits,syncookies_sent,not_queued_peak,not_queued_peak_s,"
            + "syn_recv_not_queued,stateless_not_queued,clients_established_at_peak,server_established_at_peak,"
            + "clients_syn_sent_peak,accept_queue_before_retry";

    private static final int COLUMNS = HEADER.split(",").length;

    private HandshakeColumns() {
    }

    /** The values, in {@link #HEADER}'s order; null where nothing was read. */
    static List<Object> values(HandshakeEvidence evidence) {
        if (evidence == null) {
            return Collections.nCopies(COLUMNS, null);
        }
        PortSockets peak = evidence.atPeak();
        if (peak == null) {
            return Arrays.asList(evidence.synRetransmits(), evidence.syncookiesSent(), null, null, null, null, null,
                    null, evidence.clientsSynSentPeak(), evidence.acceptQueueBeforeRetry());
        }
        return Arrays.asList(evidence.synRetransmits(), evidence.syncookiesSent(), peak.connectedNotQueued(),
                evidence.peakSeconds(), peak.halfOpen(), peak.halfOpenStateless(), peak.clientsEstablished(),
                peak.serverEstablished(), evidence.clientsSynSentPeak(), evidence.acceptQueueBeforeRetry());
    }
}
