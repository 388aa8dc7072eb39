package org.c10klab.harness.report;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.c10klab.harness.experiment.ClientOutcomes;
import org.c10klab.harness.experiment.HandshakeEvidence;
import org.c10klab.harness.experiment.HandshakeTrial;
import org.c10klab.harness.result.PortSockets;
import org.junit.jupiter.api.Test;

/**
 * The mechanism said from each trial's evidence: trials of a serial server with backlog 1 and 10 clients
 * that connect 2 s at most, as measured, where the server's first accept did or did not beat the 1 s SYN retry.
 */
class HandshakeExplanationTest {

    /** The queue was still full at the retry: the retried SYNs were dropped again, 7 clients gave up. */
    private static final HandshakeTrial FULL_AT_RETRY = new HandshakeTrial(1, 3, new TreeMap<>(),
            new ClientOutcomes(1, 7, 2, 0, 0, 0), 2,
            new HandshakeEvidence(35L, 35L, 14L, 0L, 20, new PortSockets(3, 7, 3, 0, 0, 0, 2), 0.4, 7, 2));

    /** The server had accepted before the retry: every retried SYN was answered, 6 ACKs overflowed. */
    private static final HandshakeTrial ROOM_AT_RETRY = new HandshakeTrial(2, 10, new TreeMap<>(Map.of(1, 7L)),
            new ClientOutcomes(1, 0, 9, 0, 0, 0), 2,
            new HandshakeEvidence(21L, 21L, 7L, 5L, 20, new PortSockets(10, 0, 4, 1, 1, 5, 2), 1.2, 7, 1));

    @Test
    void trialsThatWentDifferentlyAreEachExplainedFromTheirOwnEvidence() {
        assertThat(HandshakeExplanation.explain(List.of(FULL_AT_RETRY, ROOM_AT_RETRY))).containsExactly(
                "Trial 1 (3 connected): every SYN that met the full queue was dropped, and dropped again when "
                        + "retried, the queue still full (2 of 2) just before the clients' first retry at 1 s: up "
                        + "to 7 clients waited in SYN-SENT at once, and 7 gave up connecting. The kernel counted "
                        + "TcpExtListenOverflows +35, TcpExtTCPSynRetrans +14 and TcpExtSyncookiesSent +0.",
                "Trial 2 (10 connected): the clients whose first SYN had been dropped connected when they retried "
                        + "it, at about 1 s (7 clients): by then the server had accepted a connection, so the accept "
                        + "queue had room (just before 1 s the queue held 1 of 2: the server had accepted its first "
                        + "connection before the clients' 1 s SYN retry), and the kernel answered their retried "
                        + "SYNs; the final ACKs that then met a full queue were dropped, and up to 6 clients sat "
                        + "ESTABLISHED, connected as far as they knew, while the server's kernel had not queued them "
                        + "(1 in SYN-RECV on the server, 5 with no server-side socket at all, their SYNs answered "
                        + "with SYN cookies, at 1.2 s): connected, never served. The kernel counted "
                        + "TcpExtListenOverflows +21, TcpExtTCPSynRetrans +7 and TcpExtSyncookiesSent +5.");
    }

    @Test
    void trialsThatWentAlikeShareOneSentenceWithTheirSpread() {
        HandshakeTrial again = new HandshakeTrial(3, 3, new TreeMap<>(), new ClientOutcomes(1, 7, 2, 0, 0, 0), 2,
                new HandshakeEvidence(41L, 41L, 16L, 0L, 20, new PortSockets(3, 6, 3, 0, 0, 0, 2), 0.3, 6, 2));

        List<String> sentences = HandshakeExplanation.explain(List.of(FULL_AT_RETRY, ROOM_AT_RETRY, again));

        assertThat(sentences).hasSize(2);
        assertThat(sentences.getFirst()).startsWith("Trials 1 and 3 (3 and 3 connected): ")
                .contains("up to 6-7 (median 6.5) clients waited in SYN-SENT",
                        "TcpExtListenOverflows +35-41 (median 38)");
        assertThat(sentences.getLast()).startsWith("Trial 2 (10 connected): ");
    }

    @Test
    void clientsThatFoundNoRoomAtAnyRetryAreCountedApart() {
        // Room came back only at the 5 s retry, for 3 of the 7 waiting clients; a 6 s connect timeout.
        HandshakeTrial late = new HandshakeTrial(1, 6, new TreeMap<>(Map.of(5, 3L)),
                new ClientOutcomes(1, 4, 5, 0, 0, 0), 2,
                new HandshakeEvidence(55L, 55L, 37L, 1L, 90, new PortSockets(6, 4, 4, 1, 1, 1, 2), 6.3, 7, 2));

        assertThat(HandshakeExplanation.explain(List.of(late))).singleElement().asString()
                .contains("retried it, at about 5 s (3 clients): by then the server had accepted a connection",
                        "up to 2 clients sat ESTABLISHED",
                        "; 4 others found no room at any retry before their connect timeout and gave up connecting.")
                .doesNotContain("just before 1 s");
    }

    @Test
    void whatTheKernelDidNotShowIsNotClaimed() {
        // No reading before the retry, no cookies counted: neither the queue's length nor cookies are named.
        HandshakeTrial unsure = new HandshakeTrial(1, 10, new TreeMap<>(Map.of(1, 7L)),
                new ClientOutcomes(1, 0, 9, 0, 0, 0), 2,
                new HandshakeEvidence(null, null, null, null, 5, new PortSockets(10, 0, 4, 0, 0, 6, 2), 1.5, 7, null));

        assertThat(HandshakeExplanation.explain(List.of(unsure))).singleElement().asString()
                .startsWith("The trial (10 connected): ")
                .contains("6 with no server-side socket at all, at 1.5 s")
                .doesNotContain("just before 1 s", "SYN cookies", "The kernel counted");
    }

    @Test
    void aCellWhereEveryClientConnectedAtOnceAndWasQueuedNeedsNoExplanation() {
        HandshakeTrial calm = new HandshakeTrial(1, 10, new TreeMap<>(), new ClientOutcomes(1, 0, 9, 0, 0, 0), 513,
                new HandshakeEvidence(0L, 0L, 0L, 0L, 30, new PortSockets(10, 0, 10, 0, 0, 0, 9), 0.1, 0, 9));

        assertThat(HandshakeExplanation.explain(List.of(calm, calm))).isEmpty();
    }
}
