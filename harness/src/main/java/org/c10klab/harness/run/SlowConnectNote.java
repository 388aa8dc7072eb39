package org.c10klab.harness.run;

import java.util.Locale;
import java.util.Optional;
import org.c10klab.harness.flood.FloodConfig;
import org.c10klab.harness.flood.Outcome;
import org.c10klab.harness.result.GcPauses;
import org.c10klab.harness.result.HarnessLag;
import org.c10klab.harness.result.LatencySummary;
import org.c10klab.harness.result.OutcomeCounts;
import org.c10klab.harness.result.ThreadCpu;

/**
 * The note for a flood whose connects were slow, or timed out, while the kernel retransmitted no SYN.
 * Connect times of one and two seconds read like SYN retries at a full backlog; without a retransmitted
 * SYN they were not, and the note says how much of them was the harness's own lateness.
 */
final class SlowConnectNote {

    /** When a client first sends a SYN again that got no answer (RFC 6298, Linux TCP_TIMEOUT_INIT). */
    static final double FIRST_SYN_RETRY_MS = 1000;
    /** A connect p99 from here on could pass for a SYN retry. */
    static final double SLOW_CONNECT_MS = FIRST_SYN_RETRY_MS / 2;

    private SlowConnectNote() {
    }

    /**
     * True when the kernel counted no SYN retransmit during the run although a dropped SYN would have been
     * sent again before the connect timeout: whatever made connects slow or time out, no SYN was dropped.
     */
    static boolean noSynWasDropped(FloodConfig config, Long synRetransmits) {
        return synRetransmits != null && synRetransmits == 0
                && config.connectTimeout().toMillis() > FIRST_SYN_RETRY_MS;
    }

    /** The note, when connects were slow or timed out and no SYN was dropped meanwhile. */
    static Optional<String> explain(FloodConfig config, OutcomeCounts connections, LatencySummary connectLatency,
                                    Long synRetransmits, HarnessLag lag) {
        long timedOut = connections.count(Outcome.CONNECT_TIMEOUT);
        boolean slow = connectLatency.count() > 0 && connectLatency.p99Ms() >= SLOW_CONNECT_MS;
        if (!(slow || timedOut > 0) || !noSynWasDropped(config, synRetransmits)) {
            return Optional.empty();
        }
        StringBuilder note = new StringBuilder(String.format(Locale.ROOT, "connects were slow (p99 %.0f ms%s) "
                + "but the kernel retransmitted no SYN (TcpExtTCPSynRetrans +0): the delay is not a SYN dropped at "
                + "the target's backlog but the harness's own.", connectLatency.p99Ms(),
                timedOut > 0 ? ", " + timedOut + " timed out" : ""));
        LatencySummary late = lag.connectStart();
        GcPauses gc = lag.gcPauses();
        note.append(String.format(Locale.ROOT, " It started clients up to %.0f ms late (p99 %.0f ms) and paused "
                + "%.0f ms for GC (longest %.0f ms)", late.maxMs(), late.p99Ms(), gc.totalMs(), gc.maxMs()));
        ThreadCpu loops = lag.eventLoops();
        if (loops != null) {
            note.append(String.format(Locale.ROOT, loops.waitSeconds() > loops.runSeconds()
                    ? "; its event loops ran %.1f s and waited %.1f s for a CPU busy with other work"
                    : "; its event loops were busy themselves, running %.1f s (and waiting %.1f s for a CPU)",
                    loops.runSeconds(), loops.waitSeconds()));
        }
        ThreadCpu compilers = lag.jitCompilers();
        if (compilers != null && loops != null && compilers.runSeconds() > loops.runSeconds() / 2) {
            note.append(String.format(Locale.ROOT, ", while its JIT compilers took %.1f s of CPU",
                    compilers.runSeconds()));
        }
        return Optional.of(note.append("; the rest is the time its event loops took to see the handshakes "
                + "complete.").toString());
    }
}
