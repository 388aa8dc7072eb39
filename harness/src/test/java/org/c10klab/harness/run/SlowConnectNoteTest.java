package org.c10klab.harness.run;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.c10klab.harness.cli.FloodCommand;
import org.c10klab.harness.flood.FloodConfig;
import org.c10klab.harness.record.EnvironmentProbe;
import org.c10klab.harness.result.GcPauses;
import org.c10klab.harness.result.HarnessLag;
import org.c10klab.harness.result.LatencySummary;
import org.c10klab.harness.result.OutcomeCounts;
import org.c10klab.harness.result.RequestAccounting;
import org.c10klab.harness.result.ThreadCpu;
import org.junit.jupiter.api.Test;

/**
 * Slow connects with no SYN retransmitted are put down to the harness, on synthetic results shaped like
 * issue 11's (19 700 connects at 5000/s: connect p99 1.9 s, TcpExtTCPSynRetrans unchanged).
 */
class SlowConnectNoteTest {

    private static final FloodConfig FLOOD = FloodCommand.parseConfig("--target", "127.0.0.1:7379", "-c", "19700",
            "--connect-rate", "5000");
    private static final LatencySummary SLOW = new LatencySummary(19700, 0.1, 400, 120, 1050, 1900, 2050, 2100);
    private static final LatencySummary FAST = new LatencySummary(10000, 0.1, 2, 1, 5, 18, 21, 25);
    private static final HarnessLag LATE = new HarnessLag(new LatencySummary(19700, 0, 300, 150, 700, 900, 1150, 1200),
            null, new GcPauses(5, 580, 205), new ThreadCpu(2, 3.25, 34.41), new ThreadCpu(2, 4.2, 20));
    private static final OutcomeCounts ALL_CONNECTED = connections(19700, 0);

    @Test
    void slowConnectsWithoutARetransmittedSynAreTheHarnesss() {
        assertThat(SlowConnectNote.explain(FLOOD, ALL_CONNECTED, SLOW, 0L, LATE)).hasValueSatisfying(note ->
                assertThat(note).contains("connects were slow (p99 1900 ms)", "TcpExtTCPSynRetrans +0",
                        "not a SYN dropped at the target's backlog but the harness's own",
                        "up to 1200 ms late (p99 900 ms)", "paused 580 ms for GC (longest 205 ms)",
                        "ran 3.3 s and waited 34.4 s for a CPU busy with other work"));
    }

    @Test
    void noNoteWhenASynWasRetransmittedOrNobodyCounted() {
        assertThat(SlowConnectNote.explain(FLOOD, ALL_CONNECTED, SLOW, 3L, LATE)).isEmpty();
        assertThat(SlowConnectNote.explain(FLOOD, ALL_CONNECTED, SLOW, null, LATE)).isEmpty();
    }

    @Test
    void noNoteWhenConnectsWereFast() {
        assertThat(SlowConnectNote.explain(FLOOD, ALL_CONNECTED, FAST, 0L, LATE)).isEmpty();
    }

    @Test
    void connectTimeoutsWithoutARetransmittedSynAreTheHarnesssToo() {
        OutcomeCounts someTimedOut = connections(9700, 10000);

        assertThat(SlowConnectNote.explain(FLOOD, someTimedOut, FAST, 0L, LATE)).hasValueSatisfying(note ->
                assertThat(note).contains("10000 timed out", "the harness's own"));
        assertThat(OutcomeNotes.explain(FLOOD, EnvironmentProbe.probe(), someTimedOut, connections(0, 0),
                new RequestAccounting(19700, 0, 0, 0, 9700), null, 0L))
                .anyMatch(note -> note.startsWith("connect_timeout:") && note.contains("no SYN was dropped"))
                .noneMatch(note -> note.contains("accept queue was full"));
    }

    @Test
    void aTimeoutShorterThanTheFirstSynRetryProvesNothing() {
        // A SYN dropped at a full backlog is sent again after 1 s: with a 500 ms timeout no retransmit shows.
        FloodConfig impatient = FloodCommand.parseConfig("--target", "127.0.0.1:7379", "--connect-timeout", "500ms");

        assertThat(SlowConnectNote.explain(impatient, connections(0, 10), FAST, 0L, LATE)).isEmpty();
        assertThat(OutcomeNotes.explain(impatient, EnvironmentProbe.probe(), connections(0, 10), connections(0, 0),
                new RequestAccounting(10, 0, 0, 0, 0), null, 0L))
                .anyMatch(note -> note.contains("accept queue was full"));
    }

    private static OutcomeCounts connections(long ok, long timedOut) {
        return new OutcomeCounts(ok + timedOut, Map.of("ok", ok, "connect_timeout", timedOut), Map.of());
    }
}
