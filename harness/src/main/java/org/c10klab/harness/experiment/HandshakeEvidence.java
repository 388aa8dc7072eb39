package org.c10klab.harness.experiment;

import org.c10klab.harness.result.PortSockets;

/**
 * What the kernel showed of one burst's handshakes: its counters' rise around the trial, and the server
 * port's sockets at the moment most clients believed they were connected while the server had not queued
 * them. Counters count for the whole network namespace (and are null when /proc/net/netstat could not be
 * read); the sockets are this server's alone.
 *
 * @param listenOverflows        TcpExtListenOverflows' rise: SYNs and final ACKs that met a full accept queue
 * @param listenDrops            TcpExtListenDrops' rise: everything dropped at a listener, overflows included
 * @param synRetransmits         TcpExtTCPSynRetrans' rise: SYNs, and SYN-ACKs, sent again
 * @param syncookiesSent         TcpExtSyncookiesSent's rise: SYNs answered with a cookie, no state kept
 * @param samples                socket table readings taken; 0 when /proc/net/tcp could not be read
 * @param atPeak                 the sockets at the reading with the most connected-but-not-queued clients, counting
 *                               only what two readings in a row agreed on (or, when there were none, the most
 *                               connected clients); null with fewer than two readings
 * @param peakSeconds            when that reading was taken, since the flood started; null without it
 * @param clientsSynSentPeak     the most clients seen in SYN-SENT at once: waiting on a dropped SYN
 * @param acceptQueueBeforeRetry the accept queue's length at the last reading before the clients' first SYN
 *                               retransmit (1 s); null when no reading came before it
 */
public record HandshakeEvidence(Long listenOverflows, Long listenDrops, Long synRetransmits, Long syncookiesSent,
                                int samples, PortSockets atPeak, Double peakSeconds, int clientsSynSentPeak,
                                Integer acceptQueueBeforeRetry) {

    /** The most clients seen connected while the server's kernel had not queued them: 0 when none. */
    public int notQueuedPeak() {
        return atPeak == null ? 0 : atPeak.connectedNotQueued();
    }
}
